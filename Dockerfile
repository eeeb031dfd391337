# connector-gateway: multi-stage image. Build: docker build -t connector-gateway .
# Run:   docker run -p 4000:4000 -e GATEWAY_API_KEYS=editor:<sha256> -e SAILPOINT_URL=… connector-gateway
# The gateway listens on 0.0.0.0 inside the container, so it refuses to start without caller authentication
# (GATEWAY_API_KEYS and/or GATEWAY_JWT_JWKS_URL; see the README's "Deployment").

# Both stages on Node 24, the LTS supported longest (to April 2028; Node 20 reached end of life in April 2026). The code
# keeps running on Node 20.19 and later (package.json's engines), so a development machine may stay on 20.

# 1. Build: all dependencies, the production build → dist/prod/: only what src/index.ts loads, so no sandbox (a source
#    names its sandbox module by URL and only loads it when its URL is unset), and each source's SDL beside its
#    compiled modules (tsc copies no .graphql file; src/sources/sdl.ts looks there first), and the console's static
#    build (dist/prod/console, served at /console only with GATEWAY_CONSOLE=on in production).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.prod.json ./
COPY scripts/build-prod.ts ./scripts/
COPY vite.console.config.ts ./
COPY schema ./schema
COPY src ./src
COPY console ./console
RUN npm run build:prod

# 2. Runtime: production dependencies only, the production build (as dist/) and the SDL it loads, as the unprivileged
#    node user. Without sandboxes, GATEWAY_SANDBOX=on cannot run a source on one: a source without its URL stops the start.
FROM node:24-bookworm-slim AS runtime
# NODE_ENV=production: a source without its URL stops the start.
# The drain on SIGTERM gets 8 s, so that the whole stop fits in `docker stop`'s default 10 s.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    GATEWAY_SHUTDOWN_GRACE_MS=8000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/prod ./dist
COPY schema ./schema
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# npm start's memory setting, without npm (and its rebuild) in the process tree: signals reach node directly.
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=8", "dist/src/index.js"]

/**
 * The console's pages, addressed by the URL's hash so that the gateway serves one HTML file and the browser's back
 * button works: `#/` the list, `#/connector/<global id>` one connector, `#/new` creating one.
 */
import { useEffect, useState } from 'react';

export type Route = { page: 'list' } | { page: 'connector'; id: string } | { page: 'new' };

function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const connector = /^\/connector\/(.+)$/.exec(path);
  if (connector?.[1] !== undefined) {
    try {
      return { page: 'connector', id: decodeURIComponent(connector[1]) };
    } catch {
      return { page: 'list' };
    }
  }
  if (path === '/new') return { page: 'new' };
  return { page: 'list' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'list':
      return '#/';
    case 'connector':
      return `#/connector/${encodeURIComponent(route.id)}`;
    case 'new':
      return '#/new';
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => {
      setRoute(parseRoute(window.location.hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
    };
  }, []);
  return route;
}

import { createContext, ReactNode, useContext, useMemo } from 'react';

/** Links between the plugin's pages, relative to where the app mounted it. */
export interface CloudServicesPaths {
  root(): string;
  workspace(workspaceId: string): string;
  newService(workspaceId: string): string;
  marketplace(workspaceId: string): string;
  configure(workspaceId: string, templateId: string): string;
  service(workspaceId: string, serviceId: string, tab?: string): string;
}

export function createPaths(basePath: string): CloudServicesPaths {
  const base = basePath.replace(/\/+$/, '');
  const e = encodeURIComponent;
  const ws = (id: string) => `${base}/workspaces/${e(id)}`;
  return {
    root: () => base || '/',
    workspace: ws,
    newService: id => `${ws(id)}/services/new`,
    marketplace: id => `${ws(id)}/services/marketplace`,
    configure: (id, templateId) =>
      `${ws(id)}/services/configure/${e(templateId)}`,
    service: (id, serviceId, tab) =>
      `${ws(id)}/services/${e(serviceId)}${tab ? `?tab=${e(tab)}` : ''}`,
  };
}

// Without a provider, links assume the plugin is mounted at the app root;
// the page router and the entity contents provide the real mount path.
const PathsContext = createContext<CloudServicesPaths>(createPaths(''));

export function PathsProvider(props: {
  basePath: string;
  children: ReactNode;
}) {
  const paths = useMemo(() => createPaths(props.basePath), [props.basePath]);
  return (
    <PathsContext.Provider value={paths}>
      {props.children}
    </PathsContext.Provider>
  );
}

export function usePaths(): CloudServicesPaths {
  return useContext(PathsContext);
}

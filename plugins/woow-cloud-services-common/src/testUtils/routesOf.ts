/**
 * `METHOD /path/{param}` of every route an express router holds, nested
 * routers included (read from express's own stack: no express import, so
 * this package stays isomorphic). For tests that compare what a router
 * serves with its route table.
 */
export function routesOf(router: unknown): string[] {
  const routes: string[] = [];
  for (const layer of (router as { stack?: any[] }).stack ?? []) {
    if (layer.handle?.stack) routes.push(...routesOf(layer.handle));
    if (!layer.route) continue;
    const path = String(layer.route.path).replace(/:([A-Za-z]+)/g, '{$1}');
    for (const method of Object.keys(layer.route.methods)) {
      routes.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return routes;
}

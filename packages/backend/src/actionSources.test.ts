import { ConfigSources } from '@backstage/config-loader';
import path from 'node:path';

// The MCP actions backend offers an AI agent the actions of the plugins in
// backend.actions.pluginSources: every configuration the product ships
// (embedded, production, the image over both) must keep Woow Cloud Services
// in that list, as a layered file replaces the list it sets.

const ROOT = path.resolve(__dirname, '../../..');
const SHIPPED: Record<string, string[]> = {
  embedded: ['app-config.yaml'],
  production: ['app-config.yaml', 'app-config.production.yaml'],
  image: [
    'app-config.yaml',
    'packages/backend/app-config.image.yaml',
    'app-config.production.yaml',
  ],
};

async function pluginSources(files: string[]): Promise<string[] | undefined> {
  const config = await ConfigSources.toConfig(
    ConfigSources.defaultForTargets({
      rootDir: ROOT,
      targets: files.map(f => ({ type: 'path', target: path.join(ROOT, f) })),
      // Unset variables stay unset: only the list is read here.
      substitutionFunc: async () => undefined,
    }),
  );
  try {
    return config.getOptionalStringArray('backend.actions.pluginSources');
  } finally {
    config.close();
  }
}

describe('backend.actions.pluginSources of the shipped configs', () => {
  it.each(Object.entries(SHIPPED))(
    '%s offers the woow-cloud-services actions',
    async (_name, files) => {
      expect(await pluginSources(files)).toContain('woow-cloud-services');
    },
  );
});

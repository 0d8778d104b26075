import { woowCloudServicesPlugin } from './plugin';

describe('woow-cloud-services', () => {
  it('should export plugin', () => {
    expect(woowCloudServicesPlugin).toBeDefined();
  });
});

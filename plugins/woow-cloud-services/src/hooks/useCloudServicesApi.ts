import { useApi } from '@backstage/core-plugin-api';
import { cloudServicesApiRef } from '../api';

export function useCloudServicesApi() {
  return useApi(cloudServicesApiRef);
}

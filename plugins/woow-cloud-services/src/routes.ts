import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Cloud Services page (new frontend system). */
export const rootRouteRef = createRouteRef();

export { AppMarketplacePage } from './AppMarketplacePage';

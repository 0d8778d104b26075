export { ServiceSelectionPage } from './ServiceSelectionPage';

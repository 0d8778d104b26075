export { ConnectCard } from './ConnectCard';
export type { ConnectCardProps } from './ConnectCard';

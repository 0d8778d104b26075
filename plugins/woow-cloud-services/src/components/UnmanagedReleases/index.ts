export { UnmanagedReleasesCard } from './UnmanagedReleasesCard';

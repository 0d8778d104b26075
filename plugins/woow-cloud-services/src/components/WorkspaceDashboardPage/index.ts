export { WorkspaceDashboardPage } from './WorkspaceDashboardPage';
export { GetStartedGuide } from './GetStartedGuide';

export { WorkspaceListPage } from './WorkspaceListPage';
export { CreateWorkspaceDialog } from './CreateWorkspaceDialog';

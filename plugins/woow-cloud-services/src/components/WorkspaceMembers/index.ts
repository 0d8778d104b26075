export { WorkspaceMembersCard } from './WorkspaceMembersCard';
export type { WorkspaceMembersCardProps } from './WorkspaceMembersCard';
export { AddMemberDialog, toUserEntityRef } from './AddMemberDialog';

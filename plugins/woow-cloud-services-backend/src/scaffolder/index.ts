export { scaffolderModuleWoowCloudServices } from './module';
export { createCloudServiceActions } from './actions';
export { ACTION_IDS } from './actionIds';

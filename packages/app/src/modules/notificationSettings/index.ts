export {
  notificationSettingsModule,
  notificationSettingsSubPage,
} from './notificationSettingsModule';

import { notificationsText } from './Sidebar';

describe('notificationsText', () => {
  it('is the link text, unread count included (its whole visible text is its name)', () => {
    expect(notificationsText(0)).toBe('Notifications');
    expect(notificationsText(3)).toBe('Notifications (3)');
    expect(notificationsText(120)).toBe('Notifications (99+)');
  });
});

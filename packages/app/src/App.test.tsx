import { fireEvent, render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('signs a guest in and lands on the catalog page the config mounts at /', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: {
              title: 'Test App Title',
              // as app-config.yaml: the catalog is the landing page
              extensions: [{ 'page:catalog': { config: { path: '/' } } }],
            },
            organization: { name: 'Acme' },
            // Nothing listens here: the guest sign-in falls back to the
            // legacy guest token (the confirm below), as with no auth backend.
            backend: { baseUrl: 'http://127.0.0.1:7159' },
          },
          context: 'test',
        },
      ] as any,
    };
    const confirm = jest.spyOn(window, 'confirm').mockReturnValue(true);

    render(App.createRoot());

    // The sign-in page carries the configured title and the guest provider.
    expect(
      await screen.findByRole('heading', { name: 'Test App Title' }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Enter' }));

    // Signed in: the catalog plugin's page is served at /, named after the organization.
    expect(
      await screen.findByRole('heading', { name: 'Acme Catalog' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Test App Title' }),
    ).not.toBeInTheDocument();
    expect(confirm).toHaveBeenCalledTimes(1);
  });
});

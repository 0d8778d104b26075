import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// These machines are shared and noisy: a test checks behaviour, not speed.
// These limits only stop a test that hangs (Jest's 5 s and Testing
// Library's 1 s defaults failed tests on a busy CI machine).
jest.setTimeout(120_000);
configure({ asyncUtilTimeout: 20_000 });

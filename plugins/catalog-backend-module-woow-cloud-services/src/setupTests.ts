// These machines are shared and noisy: a test checks behaviour, not speed.
// This limit only stops a test that hangs; Jest's 5 s default failed tests
// on a CI machine busy with other work. Integration test files set their own.
jest.setTimeout(60_000);

export {};

// Tests run with NODE_ENV=test: the clock can move and a throwaway AUTH_SECRET is used.
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-0123456789';
process.env.APP_URL ??= 'http://localhost:3000';

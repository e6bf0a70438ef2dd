// A worker thread starts without the parent's TypeScript loader: it registers tsx (as `npm start`
// runs the server) and then loads the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./sweep-worker.ts');

// Preloaded into the app process by bench:telemetry when BENCH_CPU_PROF=<dir> is set
// (NODE_OPTIONS=--require …; --cpu-prof itself is not allowed there): samples the process's CPU
// with the built-in inspector and writes <dir>/app-<pid>.cpuprofile when the process exits.
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');

const dir = process.env.BENCH_CPU_PROF;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // the in-process session answers synchronously, so the profile is written before the exit
    session.post('Profiler.stop', (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `app-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}

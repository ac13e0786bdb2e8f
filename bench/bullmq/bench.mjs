// BullMQ baseline for bench/dispatch: adds N no-op jobs and processes them with a worker (concurrency 64),
// on the same Redis the hub uses. Prints one JSON line.
// Mode 'add': one queue.add per job, 64 in flight (as the hub's clients post messages one by one).
// Mode 'bulk': queue.addBulk of <batch> jobs, 4 in flight (as the hub's clients post batches).
// Usage: node bench.mjs <redis port> <jobs> [add|bulk] [batch]
import { Queue, Worker } from 'bullmq';

const port = Number(process.argv[2]);
const jobs = Number(process.argv[3] ?? 10000);
const mode = process.argv[4] ?? 'add';
const batch = Number(process.argv[5] ?? 500);
const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
const name = 'aglis-bench-' + Date.now();

const queue = new Queue(name, { connection });
let done = 0;
let resolveDone;
const allDone = new Promise((resolve) => { resolveDone = resolve; });
const worker = new Worker(name, async () => {}, { connection, concurrency: 64 });
worker.on('completed', () => { if (++done === jobs) resolveDone(); });
await worker.waitUntilReady();

const job = (i) => ({ to: '62812' + String(i).padStart(8, '0'), text: 'bench ' + i });
const started = process.hrtime.bigint();
let next = 0;
async function adder() {
  while (next < jobs) {
    if (mode === 'bulk') {
      const first = next;
      next = Math.min(jobs, next + batch);
      const bulk = [];
      for (let i = first; i < next; i++) bulk.push({ name: 'noop', data: job(i), opts: { removeOnComplete: true } });
      await queue.addBulk(bulk);
    } else {
      const i = next++;
      await queue.add('noop', job(i), { removeOnComplete: true });
    }
  }
}
await Promise.all(Array.from({ length: mode === 'bulk' ? 4 : 64 }, adder));
await allDone;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ mode, jobs, seconds, perSecond: jobs / seconds }));
await worker.close();
await queue.obliterate({ force: true });
await queue.close();

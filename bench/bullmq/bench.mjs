// BullMQ baseline for bench/dispatch: adds N no-op jobs one by one (as the hub's clients post messages
// one by one) and processes them with a worker, on the same Redis the hub uses. Prints one JSON line.
// Usage: node bench.mjs <redis port> <jobs> [concurrency]
import { Queue, Worker } from 'bullmq';

const port = Number(process.argv[2]);
const jobs = Number(process.argv[3] ?? 10000);
const concurrency = Number(process.argv[4] ?? 64);
const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
const name = 'aglis-bench-' + Date.now();

const queue = new Queue(name, { connection });
let done = 0;
let resolveDone;
const allDone = new Promise((resolve) => { resolveDone = resolve; });
const worker = new Worker(name, async () => {}, { connection, concurrency });
worker.on('completed', () => { if (++done === jobs) resolveDone(); });
await worker.waitUntilReady();

const started = process.hrtime.bigint();
// Adds in flight at once, like the hub benchmark's HTTP clients.
const inFlight = 64;
let next = 0;
async function adder() {
  while (next < jobs) {
    const i = next++;
    await queue.add('noop', { to: '62812' + String(i).padStart(8, '0'), text: 'bench ' + i }, { removeOnComplete: true });
  }
}
await Promise.all(Array.from({ length: inFlight }, adder));
await allDone;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ jobs, seconds, perSecond: jobs / seconds }));
await worker.close();
await queue.obliterate({ force: true });
await queue.close();

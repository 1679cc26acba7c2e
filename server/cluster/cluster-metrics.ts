// /metrics with WORKERS > 1: a scrape reaches one worker (the supervisor hands connections out
// round-robin), and a Prometheus that saw a different worker's series at each scrape would mark the
// others stale every time. So the worker that is asked passes the question to the supervisor, which
// gathers every worker's registry with prom-client's AggregatorRegistry and sends back one text with
// each worker's series side by side (every series carries worker="<index>", so the sum it makes
// keeps them apart). All of it travels over node:cluster's IPC channel; nothing listens on a port
// of its own, and /metrics keeps its token check in the worker.
import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Logger } from 'pino';

// prom-client's own request and reply (lib/cluster.js): the supervisor's AggregatorRegistry sends the
// request to every worker and sums the replies. Workers answer it here, for the app's own registry,
// instead of through prom-client's default (global) registry.
const PROM_REQUEST = 'prom-client:getMetricsReq';
const PROM_REPLY = 'prom-client:getMetricsRes';
// A worker asking the supervisor for everyone's metrics, and the answer.
const ASK = 'proofhook:cluster-metrics';
const ANSWER = 'proofhook:cluster-metrics-answer';

/** prom-client gives up on a worker that does not answer within 5 s; the asking worker waits a bit longer. */
const ASK_TIMEOUT_MS = 6000;

interface Message {
  type?: unknown;
  requestId?: unknown;
  text?: unknown;
  error?: unknown;
}

/** In the supervisor: answers workers' questions with every worker's metrics. */
export function serveClusterMetrics(logger: Logger): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: Message) => {
    if (message?.type !== ASK) return;
    const reply = (answer: { text: string } | { error: string }) => {
      if (worker.isConnected()) worker.send({ type: ANSWER, requestId: message.requestId, ...answer });
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: Error) => {
        logger.warn({ err: error }, 'metrics: gathering the workers’ metrics failed');
        reply({ error: error.message });
      },
    );
  });
}

/**
 * In a worker: answers the supervisor's gathering with this registry, and returns how /metrics reads
 * everyone's metrics through the supervisor.
 */
export function joinClusterMetrics(registry: Registry): () => Promise<string> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('joinClusterMetrics runs only in a node:cluster worker');
  const pending = new Map<number, { resolve(text: string): void; reject(error: Error): void }>();
  let nextId = 0;

  process.on('message', (message: Message) => {
    if (message?.type === PROM_REQUEST) {
      registry.getMetricsAsJSON().then(
        (metrics) => send({ type: PROM_REPLY, requestId: message.requestId, metrics: [metrics] }),
        (error: Error) => send({ type: PROM_REPLY, requestId: message.requestId, error: error.message }),
      );
      return;
    }
    if (message?.type !== ANSWER || typeof message.requestId !== 'number') return;
    const waiting = pending.get(message.requestId);
    if (!waiting) return;
    pending.delete(message.requestId);
    if (typeof message.text === 'string') waiting.resolve(message.text);
    else waiting.reject(new Error(String(message.error ?? 'no answer')));
  });

  return () =>
    new Promise<string>((resolve, reject) => {
      const requestId = nextId++;
      const timer = setTimeout(() => {
        pending.delete(requestId);
        reject(new Error(`the supervisor did not answer within ${ASK_TIMEOUT_MS} ms`));
      }, ASK_TIMEOUT_MS);
      pending.set(requestId, {
        resolve: (text) => {
          clearTimeout(timer);
          resolve(text);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      send({ type: ASK, requestId });
    });
}

// Reference for the fan-out figure: a plain Socket.IO server with the same namespace, handshake
// shape and server options as Proofhook, whose POST /publish reads a JSON body and does
// `io.to(room).emit('conversion:created', …)` of a payload shaped like Proofhook's public conversion.
import http from 'node:http';
import { Server } from 'socket.io';

const WIDGET_KEY = 'pk_bench_reference';
const ROOM = 'site:1';

const server = http.createServer();
const io = new Server(server, { serveClient: false });
const widgets = io.of('/widget');

widgets.use((socket, next) => {
  const key = (socket.handshake.auth as { key?: unknown } | undefined)?.key;
  next(key === WIDGET_KEY ? undefined : new Error('Unknown widget key'));
});
widgets.on('connection', (socket) => {
  socket.join(ROOM);
  socket.emit('widget:ready', {
    serverTime: Date.now(),
    notifications: [],
    conversions: [],
    counters: [],
    visitors: null,
  });
});

let nextId = 1;

server.on('request', (req, res) => {
  if (req.method !== 'POST' || req.url !== '/publish') return;
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
    const firstName = text('firstName');
    const lastInitial = text('lastName')?.slice(0, 1);
    const city = text('city');
    const countryCode = text('countryCode');
    const productName = text('productName');
    widgets.to(ROOM).emit('conversion:created', {
      id: nextId++,
      notificationId: 1,
      firstName,
      lastInitial,
      city,
      state: text('state'),
      country: text('country'),
      countryCode,
      productName,
      productLink: text('productLink'),
      productImage: text('productImage'),
      moreProducts: 0,
      timestamp: typeof body.timestamp === 'number' ? body.timestamp : Date.now(),
      title: `${firstName} ${lastInitial}. from ${city}, ${countryCode}`,
      message: `purchased ${productName}`,
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"status":"accepted"}');
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`reference listening on http://127.0.0.1:${port} key ${WIDGET_KEY}\n`);
});

// A normal exit on SIGTERM, like Proofhook's, so `--cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));

import { strict as assert } from 'node:assert';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createUndiciTransport } from '../../src/core/transport/undiciTransport';
import { SwitchboardError } from '../../src/core/errors/switchboardError';
import type { Transport } from '../../src/core/transport/transport';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A loopback server whose behaviour each test sets; counts TCP connections and closed requests. */
interface TestServer {
  url: string;
  connections: number;
  closedEarly: number;
  handler: Handler;
  waitForClosedEarly(n: number): Promise<void>;
  close(): Promise<void>;
}

async function startServer(): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const state: TestServer = {
    url: '',
    connections: 0,
    closedEarly: 0,
    handler: (_request, response) => response.end('ok'),
    waitForClosedEarly(n) {
      return state.closedEarly >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close() {
      for (const socket of sockets) {
        socket.destroy();
      }
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((request, response) => {
    response.on('close', () => {
      if (!response.writableFinished) {
        state.closedEarly += 1;
        for (const waiter of waiters.filter((item) => state.closedEarly >= item.n)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
    state.handler(request, response);
  });
  server.on('connection', (socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** A forward proxy (CONNECT tunnels and absolute-form requests) that records the targets it was asked for. */
async function startProxy(): Promise<{ url: string; targets: string[]; close(): Promise<void> }> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    targets.push(request.url ?? '');
    const target = new URL(request.url ?? '');
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: request.method, headers: request.headers }, (reply) => {
      response.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(response);
    });
    request.pipe(upstream);
  });
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    targets.push(request.url ?? '');
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    sockets.add(client);
    sockets.add(upstream);
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    close() {
      for (const socket of sockets) {
        socket.destroy();
      }
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<SwitchboardError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SwitchboardError, `expected a SwitchboardError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected a ${code} error`);
}

describe('createUndiciTransport', () => {
  let server: TestServer;
  let transport: Transport;

  beforeEach(async () => {
    server = await startServer();
    transport = createUndiciTransport({ firstByteTimeoutMs: 300, idleTimeoutMs: 300, environment: {} });
  });
  afterEach(async () => {
    await transport.close();
    await server.close();
  });

  it('sends method, headers and body, and returns status, lower-case headers and the body', async () => {
    server.handler = (request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        response.writeHead(201, { 'X-Generation-Id': 'gen-1', 'content-type': 'application/json' });
        response.end(JSON.stringify({ method: request.method, url: request.url, auth: request.headers.authorization, body }));
      });
    };
    const response = await transport.request({ url: `${server.url}/v1/chat?x=1`, method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: '{"a":1}' });
    assert.equal(response.status, 201);
    assert.equal(response.headers['x-generation-id'], 'gen-1');
    assert.deepEqual(JSON.parse(await response.text()), { method: 'POST', url: '/v1/chat?x=1', auth: 'Bearer k', body: '{"a":1}' });
  });

  it('keeps one connection alive per origin across sequential requests', async () => {
    for (let index = 0; index < 5; index += 1) {
      const response = await transport.request({ url: `${server.url}/ping`, method: 'GET', headers: {} });
      assert.equal(await response.text(), 'ok');
      // undici returns the socket to the pool just after the body's end; one tick lets it.
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(server.connections, 1);
  });

  it('times out waiting for the headers with a retryable timeout error', async () => {
    server.handler = () => undefined;
    const error = await rejectsWith(transport.request({ url: `${server.url}/slow`, method: 'GET', headers: {} }), 'timeout');
    assert.equal(error.isRetryable, true);
    assert.match(error.message, /did not start answering in time/);
  });

  it('times out when the body goes idle mid-stream', async () => {
    server.handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
    };
    const response = await transport.request({ url: `${server.url}/stall`, method: 'GET', headers: {} });
    const chunks: string[] = [];
    const error = await rejectsWith((async () => {
      for await (const chunk of response.body) {
        chunks.push(new TextDecoder().decode(chunk));
      }
    })(), 'timeout');
    assert.deepEqual(chunks, ['data: first\n\n']);
    assert.match(error.message, /stopped sending mid-reply/);
  });

  it('reports a refused connection as a retryable connection error naming the host', async () => {
    const closed = await startServer();
    const url = closed.url;
    await closed.close();
    const error = await rejectsWith(transport.request({ url: `${url}/x`, method: 'GET', headers: {} }), 'connection');
    assert.equal(error.isRetryable, true);
    assert.match(error.message, /127\.0\.0\.1/);
    assert.match(error.message, /ECONNREFUSED/);
  });

  it('reports a reset mid-body as a connection error', async () => {
    server.handler = (request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: partial\n\n', () => setTimeout(() => request.socket.destroy(), 20));
    };
    const response = await transport.request({ url: `${server.url}/cut`, method: 'GET', headers: {} });
    await rejectsWith(readAll(response.body), 'connection');
  });

  it('aborts before the headers with an aborted error', async () => {
    server.handler = () => undefined;
    const controller = new AbortController();
    const pending = transport.request({ url: `${server.url}/wait`, method: 'GET', headers: {}, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await rejectsWith(pending, 'aborted');
  });

  it('refuses a request whose signal already fired, without sending it', async () => {
    const controller = new AbortController();
    controller.abort();
    await rejectsWith(transport.request({ url: `${server.url}/never`, method: 'GET', headers: {}, signal: controller.signal }), 'aborted');
    assert.equal(server.connections, 0);
  });

  it('aborts mid-body end to end: the reader gets aborted and the server sees the request closed', async () => {
    let timer: NodeJS.Timeout | undefined;
    server.handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      timer = setInterval(() => response.write('data: tick\n\n'), 10);
      response.on('close', () => clearInterval(timer));
    };
    const controller = new AbortController();
    const response = await transport.request({ url: `${server.url}/ticks`, method: 'GET', headers: {}, signal: controller.signal });
    const error = await rejectsWith((async () => {
      let count = 0;
      for await (const _chunk of response.body) {
        if (++count === 3) {
          controller.abort();
        }
      }
    })(), 'aborted');
    assert.ok(error);
    await server.waitForClosedEarly(1);
  });

  it('frees the socket when the caller breaks out of the body loop (the server sees the request closed)', async () => {
    let timer: NodeJS.Timeout | undefined;
    server.handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      timer = setInterval(() => response.write('data: tick\n\n'), 10);
      response.on('close', () => clearInterval(timer));
    };
    const response = await transport.request({ url: `${server.url}/ticks`, method: 'GET', headers: {} });
    let count = 0;
    for await (const _chunk of response.body) {
      if (++count === 2) {
        break;
      }
    }
    await server.waitForClosedEarly(1);
    assert.equal(server.closedEarly, 1);
    // The transport still works afterwards (a new connection replaces the destroyed one).
    server.handler = (_request, reply) => reply.end('after');
    assert.equal(await (await transport.request({ url: `${server.url}/after`, method: 'GET', headers: {} })).text(), 'after');
  });
});

describe('createUndiciTransport proxies', () => {
  let server: TestServer;
  let proxy: Awaited<ReturnType<typeof startProxy>>;

  beforeEach(async () => {
    server = await startServer();
    server.handler = (_request, response) => response.end('direct-or-proxied');
    proxy = await startProxy();
  });
  afterEach(async () => {
    await proxy.close();
    await server.close();
  });

  const target = (): string => new URL(server.url).host;

  it('sends requests through an explicit proxy URL', async () => {
    const transport = createUndiciTransport({ proxy: proxy.url, environment: {} });
    try {
      const response = await transport.request({ url: `${server.url}/via-proxy`, method: 'GET', headers: {} });
      assert.equal(await response.text(), 'direct-or-proxied');
      assert.equal(proxy.targets.length, 1);
      assert.ok(proxy.targets[0].includes(target()), proxy.targets[0]);
    } finally {
      await transport.close();
    }
  });

  it('honours HTTP_PROXY from the environment', async () => {
    const transport = createUndiciTransport({ environment: { HTTP_PROXY: proxy.url } });
    try {
      await (await transport.request({ url: `${server.url}/env`, method: 'GET', headers: {} })).text();
      assert.equal(proxy.targets.length, 1);
    } finally {
      await transport.close();
    }
  });

  it('goes direct for hosts listed in NO_PROXY', async () => {
    const transport = createUndiciTransport({ environment: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } });
    try {
      assert.equal(await (await transport.request({ url: `${server.url}/direct`, method: 'GET', headers: {} })).text(), 'direct-or-proxied');
      assert.equal(proxy.targets.length, 0);
    } finally {
      await transport.close();
    }
  });

  const noProxyRows: [string, (port: string) => Record<string, string>, boolean][] = [
    ['NO_PROXY=* skips the proxy for every host', () => ({ NO_PROXY: '*' }), false],
    ['a NO_PROXY entry with this port skips the proxy', (port) => ({ NO_PROXY: `example.com, 127.0.0.1:${port}` }), false],
    ['a NO_PROXY entry with another port keeps the proxy', () => ({ no_proxy: '127.0.0.1:1' }), true],
    ['a NO_PROXY suffix of another host keeps the proxy', () => ({ NO_PROXY: '.example.com' }), true],
    ['HTTPS_PROXY alone is not used for http:// targets', () => ({ HTTPS_PROXY: 'http://127.0.0.1:1' }), false],
  ];
  for (const [name, extra, proxied] of noProxyRows) {
    it(`${name}`, async () => {
      const port = new URL(server.url).port;
      const environment = { ...(name.startsWith('HTTPS_PROXY') ? {} : { HTTP_PROXY: proxy.url }), ...extra(port) };
      const transport = createUndiciTransport({ environment });
      try {
        assert.equal(await (await transport.request({ url: `${server.url}/rule`, method: 'GET', headers: {} })).text(), 'direct-or-proxied');
        assert.equal(proxy.targets.length, proxied ? 1 : 0);
      } finally {
        await transport.close();
      }
    });
  }

  it('goes direct without any proxy setting', async () => {
    const transport = createUndiciTransport({ environment: {} });
    try {
      await (await transport.request({ url: `${server.url}/plain`, method: 'GET', headers: {} })).text();
      assert.equal(proxy.targets.length, 0);
    } finally {
      await transport.close();
    }
  });
});

/**
 * The seam between providers and the network. Only `undiciTransport.ts` imports undici;
 * providers receive a Transport so tests can point them at a server on 127.0.0.1.
 */
export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** lower-case header names */
  headers: Record<string, string>;
  /** the body as it arrives; breaking out of iteration aborts the request and frees the socket */
  body: AsyncIterable<Uint8Array>;
  /** reads the whole body as UTF-8 (for errors and JSON endpoints) */
  text(): Promise<string>;
}

export interface Transport {
  request(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

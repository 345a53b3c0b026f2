/** A running static server. */
export interface StaticSite {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Content types by file extension. */
export declare const MIME_TYPES: Readonly<Record<string, string>>;

/** The headers that make a page cross-origin isolated. */
export declare const ISOLATION_HEADERS: Readonly<Record<string, string>>;

/** Serves `root` on 127.0.0.1; `port` 0 (the default) picks a free port; `isolated` adds COOP/COEP. */
export declare function serveStatic(options: { root: string; isolated?: boolean; port?: number }): Promise<StaticSite>;

import type { Backend } from "./backend.js";

// Shows where a link points without its signature (signed-URL queries are secrets).
const describe = (url: string) => {
  const { host, pathname } = new URL(url);
  return `${host}${pathname}`;
};

export function ArchiveLinks({
  urls,
  expiresAt,
  backend,
}: {
  urls: readonly string[];
  expiresAt: Date | undefined;
  backend: Backend;
}) {
  return (
    <div className="archives">
      <p>
        {urls.length} archive{urls.length === 1 ? "" : "s"} ready
        {expiresAt && (
          <>
            {" "}
            · links valid until{" "}
            <time dateTime={expiresAt.toISOString()}>{expiresAt.toLocaleString()}</time>
          </>
        )}
      </p>
      <ol>
        {urls.map((url, index) => {
          const fileName = `archive-${index + 1}.zip`;
          return (
            <li key={url}>
              <a
                href={url}
                download={fileName}
                rel="noreferrer noopener"
                data-testid="archive-link"
                onClick={
                  backend.download
                    ? (event) => {
                        event.preventDefault();
                        backend
                          .download?.(url, fileName)
                          .catch((error: unknown) => alert(String(error)));
                      }
                    : undefined
                }
              >
                Download {fileName}
              </a>{" "}
              <small>{describe(url)}</small>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

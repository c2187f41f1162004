/* file:// URIs and absolute paths, both ways, with percent-encoding as
 * editors produce it (VS Code encodes ':' in Windows drive letters, others
 * do not; both decode the same). */
#ifndef DOCKLS_BASE_URI_H_
#define DOCKLS_BASE_URI_H_

/* Returns the absolute path of a file:// URI, caller owns (xfree); NULL when
 * the URI is not a file URI, has a host other than empty/localhost, or
 * decodes to a path with a NUL byte. */
char *uri_to_path(const char *uri);

/* Returns the file:// URI of an absolute path, caller owns (xfree).  Bytes
 * outside the unreserved set and '/' are percent-encoded. */
char *uri_from_path(const char *path);

/* Percent-encodes a path (absolute or relative) for use as a URI
 * reference, leaving '/' and unreserved characters alone; caller owns. */
char *uri_encode_path(const char *path);

#endif

/**
 * Photos of a report: up to five JPEG or PNG images of at most 10 MiB each; the type is taken
 * from the content (Tika), never from the request header; every image is decoded and encoded
 * again, which drops EXIF (GPS position, camera serial) before anything is stored; a thumbnail
 * is made; both are served only to callers who may see the report's case.
 */
package jp.kama.hub.cases.photos;

/**
 * The 罹災証明書 (disaster-victim certificate, 災害対策基本法 第90条の2): online applications after a
 * My Number card login, staff surveys with the official damage grades, the certificate PDF with a
 * verifiable number, re-surveys (docs/adr/0006-victim-ledger-and-certificates.md).
 */
package jp.kama.hub.disasters.certificate;

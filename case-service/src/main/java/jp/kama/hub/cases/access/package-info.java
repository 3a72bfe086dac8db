/**
 * Who is calling and what they may see of a case, beyond the role rules of
 * {@code config.SecurityConfiguration}: department staff only their department's cases, a
 * citizen only cases their own report is in, a partner system only cases of its own
 * submissions. A case the caller may not see is answered as if it did not exist (404).
 */
package jp.kama.hub.cases.access;

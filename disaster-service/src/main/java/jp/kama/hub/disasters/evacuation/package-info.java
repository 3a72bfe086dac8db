/**
 * Evacuation information (避難情報) per district with the 2021 警戒レベル names, issued,
 * changed and lifted through drafts that a second disaster-staff member approves.
 */
package jp.kama.hub.disasters.evacuation;

/** Disaster declarations: declared by disaster staff, ended once no evacuation information under them is in force. */
package jp.kama.hub.disasters.declaration;

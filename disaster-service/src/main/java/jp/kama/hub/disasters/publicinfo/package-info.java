/** Public read without login: shelter status and evacuation information per district. */
package jp.kama.hub.disasters.publicinfo;

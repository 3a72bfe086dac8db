/** The city's districts (地区): the unit of evacuation information and of shelter lists. */
package jp.kama.hub.disasters.district;

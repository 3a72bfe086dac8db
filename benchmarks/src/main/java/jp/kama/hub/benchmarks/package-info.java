/** Load generators that print figures; they run against a stack on 127.0.0.1 and stop by themselves. */
package jp.kama.hub.benchmarks;

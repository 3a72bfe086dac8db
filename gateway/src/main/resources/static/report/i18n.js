// Japanese first, English switchable (the choice is kept on this device). Text a citizen typed
// is always set with textContent; these are the form's own labels.
const TEXTS = {
  title: ['嘉麻市 災害の通報', 'Kama City damage report'],
  lead: ['被害の場所と様子を知らせてください。通信がつながらなくても、この端末に保存し、つながったときに送ります。',
    'Tell the city where and what the damage is. Without a connection the report is kept on this device and sent when the connection returns.'],
  noLogin: ['ログインは不要です。', 'No login needed.'],
  category: ['種別', 'Category'], choose: ['選んでください', 'Choose one'],
  where: ['場所 (地図をタップするか、現在地を使う)', 'Place (tap the map, or use your current position)'],
  map: ['地図', 'Map'], here: ['現在地を使う', 'Use my current position'],
  lat: ['緯度', 'Latitude'], long: ['経度', 'Longitude'],
  description: ['様子 (何が起きているか)', 'What is happening'],
  send: ['送る', 'Send'], mine: ['この端末からの通報', 'Reports from this device'],
  online: ['オンライン', 'online'], offline: ['オフライン (送れるようになるまで保存します)', 'offline (reports are kept until they can be sent)'],
  waiting: ['送信待ち (waiting to send)', 'waiting to send (送信待ち)'], sending: ['送信中', 'sending'],
  sent: ['受付番号', 'report number'], refused: ['受け付けられませんでした', 'not accepted'],
  remove: ['消す', 'Remove'],
  needCategory: ['種別を選んでください。', 'Choose a category.'],
  needPlace: ['場所を地図で選ぶか、現在地を使ってください。', 'Tap the map or use your current position.'],
  needDescription: ['様子を書いてください。', 'Describe what is happening.'],
  noPosition: ['現在地が分かりません。地図をタップしてください。', 'Your position is not available; tap the map instead.'],
  noCategories: ['種別を読み込めません。通信がつながってから開き直してください。', 'The categories could not be loaded; open the form again when you are online.'],
  noStorage: ['この端末に保存できません (プライベートモード?)。', 'This device cannot keep the report (private mode?).'],
};

let lang = (localStorage.getItem('kama-report-lang') === 'en') ? 1 : 0;

export function t(key) {
  const pair = TEXTS[key];
  return pair ? pair[lang] : key;
}

export function language() {
  return lang === 0 ? 'ja' : 'en';
}

/** Sets every [data-i18n] text and [data-i18n-label] aria-label in the page. */
export function applyTexts() {
  document.documentElement.lang = language();
  document.title = lang === 0 ? '嘉麻市 災害の通報 / Kama City damage report' : 'Kama City damage report / 嘉麻市 災害の通報';
  for (const el of document.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of document.querySelectorAll('[data-i18n-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  }
  document.getElementById('lang').textContent = lang === 0 ? 'English' : '日本語';
}

export function toggleLanguage() {
  lang = 1 - lang;
  localStorage.setItem('kama-report-lang', lang === 1 ? 'en' : 'ja');
  applyTexts();
}

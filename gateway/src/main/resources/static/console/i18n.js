// Japanese first, English switchable. Every text that came from a user is set with
// textContent elsewhere; these labels are the console's own.
const TEXTS = {
  title: ['嘉麻市 災害対応 インシデントコンソール', 'Kama City incident console'],
  logout: ['ログアウト', 'Log out'],
  map: ['地図', 'Map'], queue: ['案件一覧', 'Case queue'], state: ['状態', 'State'],
  district: ['地区', 'District'], category: ['種別', 'Category'], severity: ['重大度', 'Severity'],
  overdueOnly: ['期限超過のみ', 'Overdue only'], text: ['検索', 'Search'], sort: ['並べ替え', 'Sort'],
  reportedAt: ['受付', 'Reported'], description: ['内容', 'Description'], due: ['期限', 'Due'],
  prev: ['前へ', 'Previous'], next: ['次へ', 'Next'], detail: ['案件の詳細', 'Case detail'],
  close: ['閉じる (Esc)', 'Close (Esc)'], change: ['状態を変える', 'Change state'], to: ['次の状態', 'New state'],
  department: ['担当部署', 'Department'], assignee: ['担当', 'Assignee'], note: ['メモ', 'Note'],
  apply: ['変更する', 'Apply'], history: ['履歴', 'History'], keys: ['キーボード操作', 'Keyboard'],
  keyMove: ['次 / 前の案件', 'next / previous case'], keyOpen: ['案件を開く', 'open the case'],
  keyClose: ['詳細を閉じる', 'close the detail'], keySearch: ['検索へ', 'go to search'], keyHelp: ['この一覧', 'this list'],
  all: ['すべて', 'all'], untriaged: ['未トリアージ', 'untriaged'], overdue: ['期限超過', 'overdue'],
  version: ['版', 'version'], reports: ['報告数', 'reports'], location: ['位置', 'location'],
  live: ['自動更新 (2秒ごと)', 'live (every 2 s)'], liveFailed: ['更新できません', 'cannot refresh'],
  liveStream: ['ライブ (即時更新)', 'live (instant updates)'],
  newest: ['新しい順', 'newest first'], oldest: ['古い順', 'oldest first'], bySeverity: ['重大度順', 'by severity'], byDue: ['期限順', 'by deadline'],
  conflict: ['他の職員がこの案件を先に変更しました。あなたの変更は保存されていません。最新の内容を表示しています。確認してからもう一度操作してください。',
    'Someone else changed this case first. Your change was NOT saved. The current version is shown below; check it and try again.'],
  currentIs: ['現在の状態', 'current state'], allowed: ['可能な変更', 'allowed'],
  shelter: ['避難所', 'Shelter'], capacity: ['収容', 'occupancy'], cases: ['案件', 'Cases'], shelters: ['避難所', 'Shelters'],
  page: ['ページ', 'page'], of: ['/', 'of'], total: ['件', 'cases'],
};

export const LABELS = {
  status: { REPORTED: ['受付', 'reported'], TRIAGED: ['トリアージ済', 'triaged'], ASSIGNED: ['割当済', 'assigned'],
    IN_PROGRESS: ['対応中', 'in progress'], RECOVERED: ['復旧', 'recovered'], CLOSED: ['完了', 'closed'],
    REJECTED: ['却下', 'rejected'], DUPLICATE: ['重複', 'duplicate'] },
  district: { YAMADA: ['山田', 'Yamada'], INATSUKI: ['稲築', 'Inatsuki'], USUI: ['碓井', 'Usui'], KAHO: ['嘉穂', 'Kaho'] },
  category: { LANDSLIDE: ['土砂崩れ', 'landslide'], FLOODING: ['浸水', 'flooding'], ROAD_DAMAGE: ['道路損壊', 'road damage'],
    FALLEN_TREE: ['倒木', 'fallen tree'], POWER_OUTAGE: ['停電', 'power outage'], WATER_OUTAGE: ['断水', 'water outage'],
    BUILDING_DAMAGE: ['建物損壊', 'building damage'], RESCUE_NEEDED: ['要救助', 'rescue needed'], OTHER: ['その他', 'other'] },
  department: { road: ['道路', 'road'], river: ['河川', 'river'], water: ['上下水道', 'water'], forestry: ['農林', 'forestry'],
    building: ['建築', 'building'], welfare: ['福祉', 'welfare'], general: ['防災危機管理', 'disaster desk'] },
  severity: { 1: ['1 生命の危険', '1 life at risk'], 2: ['2 重大', '2 serious'], 3: ['3 中', '3 moderate'], 4: ['4 軽微', '4 minor'] },
  shelterStatus: { OPEN: ['空き', 'open'], CROWDED: ['混雑', 'crowded'], FULL: ['定員一杯', 'full'], CLOSED: ['閉鎖', 'closed'] },
};

let lang = 'ja';

export function currentLang() { return lang; }

export function t(key) {
  const e = TEXTS[key];
  return e ? e[lang === 'ja' ? 0 : 1] : key;
}

export function label(kind, value) {
  const e = LABELS[kind] && LABELS[kind][value];
  return e ? e[lang === 'ja' ? 0 : 1] : (value ?? '');
}

export function setLang(next) {
  lang = next;
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  document.getElementById('lang').textContent = lang === 'ja' ? 'English' : '日本語';
}

export function formatTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

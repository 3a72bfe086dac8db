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

// The boards (boards/*.js): labels added here so the language switch covers them too.
Object.assign(TEXTS, {
  boards: ['ボード', 'Boards'], boardCases: ['地図・案件', 'Map and cases'], boardUnprocessed: ['未処理', 'Unprocessed'],
  boardShelters: ['避難所', 'Shelters'], boardEvacuation: ['避難情報', 'Evacuation'], boardChannels: ['配信状況', 'Channel health'],
  keyBoards: ['ボードを選ぶ', 'choose a board'], keyTabs: ['前 / 次のボード (タブ上)', 'previous / next board (on the tabs)'],
  boardUpdated: ['自動更新 (3秒ごと)', 'live (every 3 s)'],
  byDistrict: ['地区別', 'By district'], byDepartment: ['担当部署別', 'By department'],
  openCount: ['未処理', 'open'], overdueCount: ['期限超過', 'overdue'],
  oldestOpen: ['未処理の案件 (古い順)', 'Open cases, oldest first'],
  oldestHint: ['期限を過ぎた行は赤くなります。', 'A row turns red when its deadline has passed.'],
  unknownDistrict: ['地区不明', 'unknown district'], nothingOpen: ['未処理の案件はありません', 'nothing open'],
  checkInOut: ['受付 (入所 / 退所)', 'Check-in / check-out'], personRef: ['受付番号', 'person reference'],
  personRefHint: ['個人番号 (マイナンバー) は入力しないでください (12桁の数字は受け付けません)。',
    'Do not enter a My Number (12 digits are refused).'],
  checkIn: ['入所', 'Check in'], checkOut: ['退所', 'Check out'], checkedIn: ['入所しました', 'checked in'],
  checkedOut: ['退所しました', 'checked out'], alreadyCheckedIn: ['入所済み、数えていません', 'already here, not counted again'],
  alreadyCheckedOut: ['入所していません', 'was not checked in'],
  asOf: ['時点', 'as of'], actions: ['操作', 'actions'], openShelter: ['開設する', 'Open'], closeShelter: ['閉鎖する', 'Close'],
  chooseForStay: ['受付へ', 'Check-in form'], hazardFlags: ['危険の近い避難所', 'Shelters flagged by a hazard nearby'],
  distance: ['距離', 'distance'], acknowledge: ['このまま継続', 'Keep open'], acknowledged: ['確認しました', 'acknowledged'],
  closeForHazard: ['危険のため閉鎖', 'Close for the hazard'], closedForHazard: ['閉鎖しました', 'closed'],
  noFlags: ['ありません', 'none'],
  levelsInForce: ['発令中の避難情報', 'Evacuation information in force'], evacLevel: ['警戒レベル', 'alert level'],
  residentMessage: ['住民へのメッセージ', 'message to residents'], disaster: ['災害', 'disaster'], issuedAt: ['発令', 'issued'],
  declareDisaster: ['災害を宣言する', 'Declare a disaster'], disasterName: ['災害名', 'name'], hazardKind: ['種別', 'kind'],
  declare: ['宣言する', 'Declare'], declared: ['宣言しました', 'declared'],
  declareFirst: ['先に災害を宣言してください。', 'Declare a disaster first.'],
  newDraft: ['避難情報の下書き', 'Draft evacuation information'], checkBeforeSending: ['送信内容を確認', 'Check what will be sent'],
  previewTitle: ['送信内容の確認 (まだ送信されていません)', 'What will be sent (nothing sent yet)'],
  levelChange: ['変更', 'change'], noMessage: ['(なし)', '(none)'], sentTo: ['承認後の送信先', 'sent on approval to'],
  sentToText: ['この地区の避難情報の購読者 (LINE・メール・SMS)、CAP フィード (/feeds/cap.atom)、公開 API (/public/evacuation)',
    "the district's EVACUATION subscribers (LINE, e-mail, SMS), the CAP feed (/feeds/cap.atom), the public API (/public/evacuation)"],
  afterDraft: ['この後', 'then'], afterDraftText: ['別の災害対応職員が承認するまで発令されません (二人確認)。承認待ちは職員に通知されます。',
    'Nothing is issued until a second disaster-staff member approves it (two-person rule); the approvers are told a draft waits.'],
  confirmDraft: ['下書きを登録して承認を依頼', 'Save the draft and ask for approval'], backToEdit: ['修正する', 'Edit'],
  draftPending: ['下書きしました。別の職員の承認を待っています。', 'Drafted. It waits for a second staff member to approve it.'],
  draftApplied: ['発令しました (二人確認なしの設定)', 'Applied (two-person rule is off)'],
  draftsTitle: ['下書きと承認', 'Drafts and approvals'], draftedAt: ['下書き', 'drafted'], drafter: ['作成者', 'drafted by'],
  twoPersonHint: ['自分の下書きは承認できません。別の災害対応職員が自分のコンソールで承認します。',
    'You cannot approve your own draft; a second disaster-staff member approves it in their console.'],
  approve: ['承認して発令', 'Approve and issue'], reject: ['却下', 'Reject'], you: ['あなた', 'you'],
  otherStaff: ['他の職員', 'another staff member'],
  evacuationReadOnly: ['閲覧のみ: 下書きと承認は災害対応職員 (disaster-staff) が行います。', 'Read only: disaster-staff draft and approve.'], noDrafts: ['下書きはありません', 'no drafts'],
  channel: ['チャネル', 'channel'], enabled: ['有効', 'enabled'], sent: ['送信済', 'sent'], failed: ['失敗', 'failed'],
  pending: ['送信待ち', 'pending'], breaker: ['遮断器', 'circuit breaker'], yes: ['はい', 'yes'], no: ['いいえ', 'no'],
  capFeed: ['CAP フィード', 'CAP feed'], capEntries: ['掲載中の警報', 'alerts in the feed'], capUpdated: ['更新', 'updated'],
  deadLetters: ['デッドレター', 'Dead letters'],
  deadLettersHint: ['「失敗」は再試行を使い切った配信です。処理できなかった Kafka イベント (デッドレター) は元のトピックへ戻せます。処理済みのものは二重に送られません。',
    '"failed" are deliveries given up after their retries. Kafka events the service could not handle (dead letters) can be put back on their topics; those already handled are not sent twice.'],
  replayDeadLetters: ['デッドレターを再投入', 'Replay dead letters'], replayed: ['再投入', 'replayed'],
});

Object.assign(LABELS, {
  evacLevel: { 3: ['警戒レベル3 高齢者等避難', 'level 3 elderly and others evacuate'], 4: ['警戒レベル4 避難指示', 'level 4 evacuation order'],
    5: ['警戒レベル5 緊急安全確保', 'level 5 emergency safety'], none: ['発令なし (解除)', 'none (lifted)'] },
  hazard: { FLOOD: ['洪水', 'flood'], LANDSLIDE: ['土砂災害', 'landslide'], STORM_SURGE: ['高潮', 'storm surge'],
    EARTHQUAKE: ['地震', 'earthquake'], TSUNAMI: ['津波', 'tsunami'], LARGE_FIRE: ['大規模な火事', 'large fire'],
    INLAND_FLOOD: ['内水氾濫', 'inland flooding'], VOLCANO: ['火山現象', 'volcano'] },
  draftStatus: { PENDING: ['承認待ち', 'pending'], APPLIED: ['発令済', 'applied'], REJECTED: ['却下', 'rejected'] },
  flagStatus: { OPEN: ['要確認', 'to review'], ACKNOWLEDGED: ['継続', 'kept open'], SHELTER_CLOSED: ['閉鎖済', 'shelter closed'] },
  channel: { LINE: ['LINE', 'LINE'], EMAIL: ['メール', 'e-mail'], SMS: ['SMS', 'SMS'] },
  breaker: { CLOSED: ['正常 (閉)', 'closed (healthy)'], OPEN: ['遮断中 (開)', 'open (cut off)'], HALF_OPEN: ['試行中 (半開)', 'half-open (probing)'],
    DISABLED: ['未設定', 'not configured'] },
});

// The case detail's reports, photos and work notes (queue.js).
Object.assign(TEXTS, {
  caseReports: ['報告', 'Reports'], reportsMerged: ['件の報告をこの案件にまとめています (重複の統合)', 'reports merged into this case (duplicates)'],
  mergedReport: ['統合', 'merged'], photo: ['写真', 'photo'], openPhoto: ['拡大して開く', 'open full size'],
  photoFailed: ['写真を読めません', 'cannot load the photo'],
  workNotes: ['作業メモ', 'Work notes'], addWorkNote: ['作業メモを追加 (n)', 'Add a work note (n)'], addNote: ['追加する', 'Add'],
  noWorkNotes: ['作業メモはまだありません', 'no work notes yet'], noteNotSaved: ['作業メモを保存できませんでした', 'The work note was NOT saved'],
  keyNote: ['作業メモへ (詳細を開いているとき)', 'go to the work note (detail open)'],
  evacLevelShort: ['レベル', 'level '],
  clusterLegend: ['近くの案件のまとまり (数 = 件数、枠の色 = 最も重大なもの、クリックで拡大)', 'cases close together (number of cases, ring = the most severe; click to zoom in)'],
});
Object.assign(LABELS, {
  reportChannel: { CITIZEN: ['住民', 'citizen'], STAFF: ['職員', 'staff'], PARTNER: ['連携システム', 'partner system'] },
});

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

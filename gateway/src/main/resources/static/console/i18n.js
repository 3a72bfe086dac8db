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
  // a drill's (exercise) disaster or case: the badge (docs/drill.md)
  exercise: ['訓練', 'exercise'],
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
  yourShelter: ['担当', 'yours'], noOwnShelter: ['このアカウントには担当避難所が設定されていません。変更は災害対策本部の職員に依頼してください。', 'This account runs no shelter: ask disaster staff to make changes.'],
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
  capAlertDraft: ['警報 (CAP) の下書き', 'Draft a CAP alert'], capHeadline: ['見出し', 'Headline'],
  capDescription: ['内容', 'Description'], capInstruction: ['とるべき行動', 'Instruction'], capDistricts: ['対象地区', 'Districts'],
  capSeverity: ['深刻度', 'Severity'], capUrgency: ['緊急度', 'Urgency'], capAlerts: ['警報 (CAP) の下書きと承認', 'CAP alerts: drafts and approvals'],
  capChooseDistrict: ['対象地区を一つ以上選んでください。', 'Choose at least one district.'],
  capSentToText: ['CAP フィード (/feeds/cap.atom) と、対象地区の避難情報の購読者 (LINE・メール・SMS)',
    "the CAP feed (/feeds/cap.atom) and the districts' EVACUATION subscribers (LINE, e-mail, SMS)"],
  noAlerts: ['警報はありません', 'no alerts'],
  evacuationReadOnly: ['閲覧のみ: 下書きと承認は災害対応職員 (disaster-staff) が行います。', 'Read only: disaster-staff draft and approve.'], noDrafts: ['下書きはありません', 'no drafts'],
  channel: ['チャネル', 'channel'], enabled: ['有効', 'enabled'], sent: ['送信済', 'sent'], failed: ['失敗', 'failed'],
  pending: ['送信待ち', 'pending'], breaker: ['遮断器', 'circuit breaker'], yes: ['はい', 'yes'], no: ['いいえ', 'no'],
  capFeed: ['CAP フィード', 'CAP feed'], capEntries: ['掲載中の警報', 'alerts in the feed'], capUpdated: ['更新', 'updated'],
  deadLetters: ['デッドレター', 'Dead letters'], topic: ['元のトピック', 'Original topic'], waiting: ['待機中', 'Waiting'],
  lastReplayed: ['最後の再投入', 'Last replayed'], never: ['なし', 'never'],
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
  alertStatus: { DRAFT: ['承認待ち', 'waiting for approval'], PUBLISHED: ['発令済', 'published'] },
  capSeverity: { Extreme: ['極めて重大', 'extreme'], Severe: ['重大', 'severe'], Moderate: ['中程度', 'moderate'], Minor: ['軽微', 'minor'], Unknown: ['不明', 'unknown'] },
  capUrgency: { Immediate: ['直ちに', 'immediate'], Expected: ['まもなく', 'expected'], Future: ['今後', 'future'], Past: ['終了', 'past'], Unknown: ['不明', 'unknown'] },
  flagStatus: { OPEN: ['要確認', 'to review'], ACKNOWLEDGED: ['継続', 'kept open'], SHELTER_CLOSED: ['閉鎖済', 'shelter closed'] },
  channel: { LINE: ['LINE', 'LINE'], EMAIL: ['メール', 'e-mail'], SMS: ['SMS', 'SMS'], LALERT: ['L-Alert', 'L-Alert'] },
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
  keyTransition: ['次の状態へ (トリアージ・状態変更)', 'go to the next state (triage, transitions)'],
  keyAssign: ['割当へ (担当者の入力)', 'assign (go to the assignee)'],
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

// The plan KPI board (boards/kpis.js).
Object.assign(TEXTS, {
  boardKpis: ['計画指標', 'Plan KPIs'], kpiTableCaption: ['指標と計画の目標', "KPIs and the plan's targets"], kpiName: ['指標', 'KPI'], kpiValue: ['値', 'value'], kpiTarget: ['計画の目標', 'plan target'],
  kpiSource: ['出典', 'source'], kpiKarte: ['カルテ', 'karte'], kpiWindow: ['期間: 直近', 'Window: last'], kpiDays: ['日', 'days'],
  kpiWindowFrom: ['集計期間', 'counted from'], kpiCsv: ['CSV で保存', 'Save as CSV'],
  kpiLatency: ['配信までの時間 (決定から配信完了まで、チャネル別)', 'Time from decision to delivery, per channel'],
  kpiLatencyHint: ['避難情報・警報・避難所の状態変更について、決定 (承認・変更) の時刻から、そのチャネルの最後の配信が終わるまで。失敗を含む配信は除きます。CAP フィードは利用者が取りに来るため時間はありません。',
    'For evacuation levels, alerts and shelter status changes: from the decision (approval, change) to the last delivery on the channel. Publications with a failed delivery are left out. The CAP feed is pulled by its readers, so it has no time.'],
  kpiPublications: ['発信数', 'publications'], kpiDelivered: ['配信完了', 'delivered'],
  kpiP50: ['中央値 (秒)', 'median (s)'], kpiP95: ['95% (秒)', '95th pct (s)'], kpiMax: ['最大 (秒)', 'max (s)'],
  kpiTargetZero: ['0 (未処理ゼロ)', '0 (nothing unprocessed)'], kpiTargetDouble: ['2倍に', 'double it'],
  kpiTargetLine: ['LINE 友だち', 'LINE friends'], kpiNoBaseline: ['基準値なし', 'no baseline'], kpiCountingSince: ['計測開始', 'counted since'],
  kpiNotMeasured: ['計測なし', 'not measured'], kpiUnavailable: ['取得できません', 'unavailable'],
  kpiCardReportsNote: ['報告者のログイン方法 (カードかどうか) を案件サービスは記録していません', 'case-service does not record how a reporter logged in (card or not)'],
  kpi_open_cases: ['未処理の案件 (現在)', 'open cases (now)'], kpi_overdue_cases: ['期限超過の案件 (現在)', 'overdue cases (now)'],
  kpi_reports_received: ['受け付けた報告', 'reports received'], kpi_card_reports: ['マイナンバーカードでログインした報告・申請', 'reports and applications after a card login'],
  kpi_card_logins: ['マイナンバーカードでのログイン', 'My Number card logins'],
  kpi_card_verifications: ['避難所端末でのカード確認', 'card checks at shelter terminals'],
  kpi_subscribers: ['購読者', 'subscribers'], kpi_publications: ['災害情報の発信', 'disaster publications'],
});

Object.assign(LABELS, {
  kpiChannel: { LINE: ['LINE', 'LINE'], EMAIL: ['メール', 'e-mail'], SMS: ['SMS', 'SMS'], LALERT: ['L-Alert', 'L-Alert'], CAP: ['CAP フィード', 'CAP feed'],
    CITIZEN: ['市民', 'citizens'], STAFF: ['職員', 'staff'], PARTNER: ['連携システム', 'partner systems'] },
});

// after-action replay board (boards/replay.js)
Object.assign(TEXTS, {
  boardReplay: ['振り返り', 'Replay'], replayFrom: ['開始', 'from'], replayTo: ['終了', 'to'], replayLoad: ['読み込む', 'Load'],
  replayLast15: ['直近15分', 'Last 15 minutes'], replayIdle: ['期間を選んで「読み込む」を押してください。', 'Choose a period and press Load.'],
  replayLoading: ['読み込み中…', 'loading…'], replayLoaded: ['読み込みました', 'loaded'], replayBadRange: ['開始と終了の日時を入れてください。', 'Enter the start and end time.'],
  replayTimeline: ['再生位置', 'timeline'], replayControls: ['再生操作', 'playback'], replayPlay: ['再生', 'Play'],
  replayPause: ['一時停止', 'Pause'], replayStart: ['最初へ', 'Start'], replayEnd: ['最後へ', 'End'],
  replayPrev: ['前の出来事', 'Previous event'], replayNext: ['次の出来事', 'Next event'], replaySpeed: ['速度', 'speed'],
  replayMap: ['その時点の地図', 'the map at that moment'], replayByState: ['状態・地区別の案件数', 'Cases by state and district'],
  replayTotal: ['計', 'total'], replayLevels: ['地区別の避難情報', 'Evacuation level per district'],
  replayCases: ['その時点の案件', 'Cases at that moment'], caseShort: ['案件', 'case'],
  replayEventsTitle: ['その時点までの出来事 (新しい順)', 'Events up to that moment (newest first)'],
  replayEventCount: ['期間内の出来事', 'events in the period'], replayRetained: ['遡れる範囲の始まり', 'kept since'],
  replayNothingRetained: ['記録なし', 'nothing kept'],
  replayTruncated: ['出来事が多すぎるため途中までです。期間を短くしてください。', 'Too many events: only the first ones are shown. Choose a shorter period.'],
  replayKind_case: ['案件', 'case'], replayKind_shelter: ['避難所', 'shelter'], replayKind_evacuation: ['避難情報', 'evacuation'],
  districtYAMADA: ['山田', 'Yamada'], districtINATSUKI: ['稲築', 'Inatsuki'], districtUSUI: ['碓井', 'Usui'], districtKAHO: ['嘉穂', 'Kaho'],
});

// Every text the extension shows to Caf staff, in French, in one place.
// Pure: no `vscode` import.

export const CHANNELS = {
  decisions: 'CLAS — décisions',
  comparison: 'CLAS — comparaison',
  tests: 'CLAS — tests',
  server: 'CLAS — serveur de langage',
} as const;

export const BUTTONS = {
  openSetting: 'Ouvrir le réglage',
  showOutput: 'Voir le détail',
  showTests: 'Ouvrir l’onglet Tests',
  openApplication: 'Ouvrir la demande',
  restart: 'Redémarrer le serveur',
  manageTrust: 'Gérer la confiance',
} as const;

export const M = {
  binaryNotFound: (setting: string) =>
    `CLAS : le programme « ${setting} » est introuvable. Installez clas-rules ou indiquez son chemin complet dans le réglage « clasRules.path ».`,
  binaryFailed: (binary: string, reason: string) =>
    `CLAS : impossible de lancer « ${binary} » (${reason}). Vérifiez le réglage « clasRules.path ».`,
  serverStarted: (binary: string, setting: string, displayLanguage: string) =>
    `Serveur de langage CLAS démarré : ${binary} lsp (langue des messages : ${setting}, langue de VS Code : ${displayLanguage})`,
  serverRestarted: 'CLAS : serveur de langage redémarré.',
  serverStopped:
    'CLAS : le serveur de langage s’est arrêté plusieurs fois. Utilisez « CLAS : redémarrer le serveur de langage ».',
  serverStartFailed: (reason: string) => `CLAS : le serveur de langage n’a pas pu démarrer (${reason}).`,

  untrusted:
    'CLAS : ce dossier n’est pas approuvé (mode restreint) : l’extension ne lance aucun programme. Pour vérifier, évaluer, comparer ou tester les règles, faites confiance au dossier.',
  untrustedServer:
    'Dossier non approuvé (mode restreint) : le serveur de langage n’est pas lancé. Il démarrera dès que le dossier sera approuvé.',

  explainTitle: (code: string) => `# ${code}`,
  explainBadCode: (text: string) =>
    `« ${text} » n’est pas un code de diagnostic de clas-rules (un code ressemble à E0203).`,
  explainUntrusted: (code: string) =>
    `L’explication du code ${code} n’est pas affichée : ce dossier n’est pas approuvé (mode restreint), et l’extension n’y lance aucun programme.`,
  explainFailed: (code: string, reason: string) =>
    `L’explication du code ${code} n’a pas pu être obtenue : ${reason}.`,
  explainExitReason: (exitCode: number | null) =>
    `la commande « clas-rules explain » a échoué (code ${exitCode ?? 'inconnu'})`,
  explainEmptyReason: 'la commande « clas-rules explain » n’a rien affiché',
  explainHint:
    'Cette version de clas-rules ne sait peut-être pas encore expliquer les codes : installez une version plus récente de l’extension (ou du programme indiqué dans « clasRules.path »).',
  explainDetails: 'Détail technique :',

  noRulebook: 'CLAS : ouvrez d’abord un fichier de règles (.clas) dans l’éditeur.',
  saveFirst: 'CLAS : enregistrez d’abord ce fichier de règles (il n’a pas encore de nom).',

  pickApplication: 'Choisir la demande à évaluer (fichier JSON)',
  pickApplicationButton: 'Évaluer cette demande',
  applicationFilter: 'Demande (JSON)',
  evaluating: 'CLAS : évaluation de la demande…',
  invalidApplication: (count: number) =>
    `CLAS : la demande n’est pas valide (${count} problème${count > 1 ? 's' : ''}) : aucune décision n’a été prise.`,
  invalidApplicationTitle: 'La demande n’est pas valide : aucune décision n’a été prise. Problèmes relevés :',
  rulebookErrors: 'CLAS : le fichier de règles contient des erreurs : aucune décision n’a été prise.',
  rulebookErrorsTitle: 'Le fichier de règles contient des erreurs : aucune décision n’a été prise.',
  unexpectedExit: (code: number | null) => `CLAS : clas-rules s’est arrêté de façon inattendue (code ${code ?? 'inconnu'}).`,
  timedOut: 'CLAS : clas-rules a mis trop de temps à répondre ; l’opération a été interrompue.',

  noYear: 'CLAS : l’en-tête de ce fichier de règles n’indique pas d’année (ligne year "…").',
  noExtends: (year: string) =>
    `CLAS : les règles ${year} n’héritent d’aucune année (pas de ligne extends "…") : il n’y a pas d’année précédente à comparer.`,
  parentYearUnknown: (value: string) =>
    `CLAS : impossible de trouver l’année des règles héritées (extends "${value}").`,
  compareTitle: (from: string, to: string) => `Comparer ${from} → ${to}`,
  compareFolder: 'Comparer les décisions sur un dossier de demandes…',
  compareFolderDetail:
    'Rejoue les demandes d’un dossier avec les règles des deux années : statut, montants, budget.',
  compareRules: 'Comparer seulement les règles',
  compareRulesDetail: 'Paramètres, règles et champs de la demande qui diffèrent, sans demande.',
  pickApplicationsFolder: 'Choisir le dossier des demandes à comparer',
  pickApplicationsFolderButton: 'Comparer ces demandes',
  comparing: (from: string, to: string) => `CLAS : comparaison ${from} → ${to}…`,
  compareFailed: 'CLAS : la comparaison n’a pas pu être faite.',

  noRulesDir: 'CLAS : aucun dossier de règles trouvé. Ouvrez un fichier .clas, ou indiquez le dossier dans le réglage « clasRules.rulesDir ».',
  pickRulesDir: 'Choisir le dossier des règles (avec les cas de test)',
  pickRulesDirButton: 'Lancer les tests',
  testing: 'CLAS : tests des règles en cours…',
  testsResult: (summary: string) => `CLAS : tests des règles — ${summary}.`,
  testsFailed: 'CLAS : les tests des règles n’ont pas pu être lancés.',
  testCaseFailed: 'Cas de test en échec',
  testCaseNotReported: 'Ce fichier n’a pas été lu comme un cas de test (pas de « demande » ?).',
  testControllerLabel: 'Règles CLAS',
  testRunProfile: 'Lancer les tests des règles',
  coverageTitle: 'Règles qu’aucun cas ne déclenche',
} as const;

/** Why a program could not be started, from a Node error code. */
export function startFailureReason(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'programme introuvable';
    case 'EACCES':
      return 'le fichier n’est pas exécutable';
    default:
      return code ?? 'erreur inconnue';
  }
}

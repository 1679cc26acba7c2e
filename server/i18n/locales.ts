// The popup's built-in words per language. They live on the server and travel with a notification's
// config (only the one language a page asks for), so adding a language never grows the widget bundle.
// Templates use the same variables and `||` fallbacks as the owner's own (message-template.ts).

export interface LocaleWords {
  /** Script direction: the card is laid out right to left for Arabic and Hebrew. */
  dir: 'ltr' | 'rtl';
  /** The popup's first line: "Maria G. from Austin, US". */
  title: string;
  /** The default message of each kind of notification. */
  stream: string;
  conversion: string;
  /** A conversion counter with product match, on a product page: "3 people bought this in the last 24 hours". */
  productCounter: string;
  visitors: string;
  /** "{{productName}} and {{moreProducts}} more": what {{product}} reads when an order has several. */
  more: string;
  /** The close button's accessible name. */
  close: string;
  previewLabel: string;
  testLabel: string;
}

export const LOCALES = {
  en: {
    dir: 'ltr',
    title: '{{name}} from {{location}} || {{name}} || Someone from {{location}} || Someone',
    stream: 'purchased {{product}} || signed up',
    conversion: '{{count}} people signed up in the last {{window}}',
    productCounter: '{{count}} people bought this in the last {{window}}',
    visitors: '{{count}} people are viewing this site right now',
    more: '{{productName}} and {{moreProducts}} more',
    close: 'Dismiss notification',
    previewLabel: 'Preview',
    testLabel: 'Test',
  },
  de: {
    dir: 'ltr',
    title: '{{name}} aus {{location}} || {{name}} || Jemand aus {{location}} || Jemand',
    stream: 'hat {{product}} gekauft || hat sich angemeldet',
    conversion: '{{count}} Personen haben sich in den letzten {{window}} angemeldet',
    productCounter: '{{count}} Personen haben das in den letzten {{window}} gekauft',
    visitors: '{{count}} Personen sehen sich diese Seite gerade an',
    more: '{{productName}} und {{moreProducts}} weitere',
    close: 'Benachrichtigung schließen',
    previewLabel: 'Vorschau',
    testLabel: 'Test',
  },
  fr: {
    dir: 'ltr',
    title: '{{name}} à {{location}} || {{name}} || Quelqu’un à {{location}} || Quelqu’un',
    stream: 'a acheté {{product}} || s’est inscrit',
    conversion: '{{count}} personnes se sont inscrites en {{window}}',
    productCounter: '{{count}} personnes ont acheté ce produit en {{window}}',
    visitors: '{{count}} personnes consultent ce site en ce moment',
    more: '{{productName}} et {{moreProducts}} autres',
    close: 'Fermer la notification',
    previewLabel: 'Aperçu',
    testLabel: 'Test',
  },
  es: {
    dir: 'ltr',
    title: '{{name}} de {{location}} || {{name}} || Alguien de {{location}} || Alguien',
    stream: 'compró {{product}} || se registró',
    conversion: '{{count}} personas se registraron en {{window}}',
    productCounter: '{{count}} personas compraron este producto en {{window}}',
    visitors: '{{count}} personas están viendo este sitio ahora',
    more: '{{productName}} y {{moreProducts}} más',
    close: 'Cerrar notificación',
    previewLabel: 'Vista previa',
    testLabel: 'Prueba',
  },
  pt: {
    dir: 'ltr',
    title: '{{name}} de {{location}} || {{name}} || Alguém de {{location}} || Alguém',
    stream: 'comprou {{product}} || se cadastrou',
    conversion: '{{count}} pessoas se cadastraram em {{window}}',
    productCounter: '{{count}} pessoas compraram este produto em {{window}}',
    visitors: '{{count}} pessoas estão vendo este site agora',
    more: '{{productName}} e mais {{moreProducts}}',
    close: 'Fechar notificação',
    previewLabel: 'Pré-visualização',
    testLabel: 'Teste',
  },
  it: {
    dir: 'ltr',
    title: '{{name}} da {{location}} || {{name}} || Qualcuno da {{location}} || Qualcuno',
    stream: 'ha acquistato {{product}} || si è iscritto',
    conversion: '{{count}} persone si sono iscritte in {{window}}',
    productCounter: '{{count}} persone hanno acquistato questo prodotto in {{window}}',
    visitors: '{{count}} persone stanno guardando questo sito ora',
    more: '{{productName}} e altri {{moreProducts}}',
    close: 'Chiudi la notifica',
    previewLabel: 'Anteprima',
    testLabel: 'Test',
  },
  nl: {
    dir: 'ltr',
    title: '{{name}} uit {{location}} || {{name}} || Iemand uit {{location}} || Iemand',
    stream: 'kocht {{product}} || heeft zich aangemeld',
    conversion: '{{count}} mensen hebben zich de afgelopen {{window}} aangemeld',
    productCounter: '{{count}} mensen kochten dit de afgelopen {{window}}',
    visitors: '{{count}} mensen bekijken deze site nu',
    more: '{{productName}} en nog {{moreProducts}}',
    close: 'Melding sluiten',
    previewLabel: 'Voorbeeld',
    testLabel: 'Test',
  },
  pl: {
    dir: 'ltr',
    title: '{{name}} z {{location}} || {{name}} || Ktoś z {{location}} || Ktoś',
    stream: 'kupił(a) {{product}} || zarejestrował(a) się',
    conversion: '{{count}} osób zarejestrowało się – ostatnie {{window}}',
    productCounter: '{{count}} osób kupiło ten produkt – ostatnie {{window}}',
    visitors: '{{count}} osób ogląda teraz tę stronę',
    more: '{{productName}} i {{moreProducts}} więcej',
    close: 'Zamknij powiadomienie',
    previewLabel: 'Podgląd',
    testLabel: 'Test',
  },
  sv: {
    dir: 'ltr',
    title: '{{name}} från {{location}} || {{name}} || Någon från {{location}} || Någon',
    stream: 'köpte {{product}} || registrerade sig',
    conversion: '{{count}} personer registrerade sig de senaste {{window}}',
    productCounter: '{{count}} personer köpte detta de senaste {{window}}',
    visitors: '{{count}} personer tittar på den här webbplatsen just nu',
    more: '{{productName}} och {{moreProducts}} till',
    close: 'Stäng aviseringen',
    previewLabel: 'Förhandsvisning',
    testLabel: 'Test',
  },
  ja: {
    dir: 'ltr',
    title: '{{location}}の{{name}}さん || {{name}}さん || {{location}}の誰か || 誰か',
    stream: '{{product}}を購入しました || 登録しました',
    conversion: '過去{{window}}に{{count}}人が登録しました',
    productCounter: '過去{{window}}に{{count}}人がこの商品を購入しました',
    visitors: '{{count}}人がこのサイトを閲覧中です',
    more: '{{productName}}ほか{{moreProducts}}点',
    close: '通知を閉じる',
    previewLabel: 'プレビュー',
    testLabel: 'テスト',
  },
  ar: {
    dir: 'rtl',
    title: '{{name}} من {{location}} || {{name}} || شخص من {{location}} || شخص ما',
    stream: 'اشترى {{product}} || سجّل',
    conversion: 'سجّل {{count}} شخصًا خلال آخر {{window}}',
    productCounter: 'اشترى {{count}} شخصًا هذا المنتج خلال آخر {{window}}',
    visitors: '{{count}} شخصًا يتصفحون هذا الموقع الآن',
    more: '{{productName}} و{{moreProducts}} منتجات أخرى',
    close: 'إغلاق الإشعار',
    previewLabel: 'معاينة',
    testLabel: 'تجربة',
  },
  he: {
    dir: 'rtl',
    title: '{{name}} מ־{{location}} || {{name}} || מישהו מ־{{location}} || מישהו',
    stream: 'רכש/ה את {{product}} || נרשם/ה',
    conversion: '{{count}} אנשים נרשמו במהלך {{window}}',
    productCounter: '{{count}} אנשים קנו את המוצר הזה במהלך {{window}}',
    visitors: '{{count}} אנשים צופים באתר הזה עכשיו',
    more: '{{productName}} ועוד {{moreProducts}}',
    close: 'סגירת ההתראה',
    previewLabel: 'תצוגה מקדימה',
    testLabel: 'בדיקה',
  },
} as const satisfies Record<string, LocaleWords>;

export type LocaleCode = keyof typeof LOCALES;
export const LOCALE_CODES = Object.keys(LOCALES) as LocaleCode[];
export const DEFAULT_LOCALE: LocaleCode = 'en';

export function isLocaleCode(value: unknown): value is LocaleCode {
  return typeof value === 'string' && Object.hasOwn(LOCALES, value);
}

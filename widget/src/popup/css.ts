// The popup's one stylesheet as a string, inserted into the shadow root as a <style> (with the page's CSP nonce).
import styles from './styles.css?inline';

export const STYLES: string = styles;

// @vitest-environment happy-dom
// Which fields of a sent form the widget takes (widget/src/capture.ts): by type, autocomplete, name
// or id; never a password, a hidden field, a card field or a value that looks like a card number.
import { afterEach, describe, expect, test } from 'vitest';
import { readFormFields } from '../../widget/src/capture.ts';

function formOf(html: string): HTMLFormElement {
  document.body.innerHTML = `<form>${html}</form>`;
  return document.querySelector('form') as HTMLFormElement;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('fields a captured form carries', () => {
  test('email, first, last and full name and city, found by type, autocomplete, name or id', () => {
    const form = formOf(`
      <input type="email" name="contact" value=" maria@example.com ">
      <input autocomplete="given-name" name="a" value="Maria">
      <input name="last_name" value="Garcia">
      <input name="name" value="Maria Garcia">
      <input id="billing-city" value="Austin">`);
    expect(readFormFields(form)).toEqual({
      email: 'maria@example.com',
      firstName: 'Maria',
      lastName: 'Garcia',
      name: 'Maria Garcia',
      city: 'Austin',
    });
    expect(
      readFormFields(
        formOf('<input name="fname" value="Ann"><input autocomplete="shipping address-level2" value="Leeds">'),
      ),
    ).toEqual({ firstName: 'Ann', city: 'Leeds' });
  });

  test('never a password, a hidden field, a cc-* field, a secret-named field or a card-number-like value', () => {
    const form = formOf(`
      <input type="email" name="email" value="bo@example.com">
      <input type="password" name="email_confirm" value="hunter2">
      <input type="hidden" name="first_name" value="hidden-name">
      <input autocomplete="cc-name" name="name" value="BO STONE">
      <input name="email_password" value="x@y.z">
      <input name="city" value="4111 1111 1111 1111">
      <input name="last_name" value="Stone 4111-1111-1111-1111">
      <input name="fname" value="Bo" disabled>`);
    expect(readFormFields(form)).toEqual({ email: 'bo@example.com' });
  });

  test('fields it does not know stay out; an email must look like one; the first of each kind wins', () => {
    const form = formOf(`
      <input name="phone" value="+1 512 555 0100">
      <textarea name="message">Hello</textarea>
      <input type="email" name="email" value="not-an-email">
      <input name="email2" value="cy@example.com">
      <input name="first_name" value="Cy">
      <input name="firstName" value="Other">`);
    expect(readFormFields(form)).toEqual({ email: 'cy@example.com', firstName: 'Cy' });
  });
});

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the hand-made seed corpus of the fuzz harnesses: tests/fuzz/corpus/<harness>/<name>.

The spec's two request bodies (tests/fixtures/seed-*.json, verbatim from the seed page),
answers as CertCentral sends them, and malformed input: truncated, wrong types, deep nesting,
huge numbers, NUL bytes, invalid UTF-8. Files this script does not make (regressions and
inputs libFuzzer found, named crash-* or regress-*) are left alone. Run it again after
changing it:  python3 tests/fuzz/make-corpus.py
"""
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', 'fixtures')
CORPUS = os.path.join(HERE, 'corpus')


def fixture(name):
    with open(os.path.join(FIXTURES, name), 'rb') as f:
        return f.read()


SEED_DETAILS = fixture('seed-details.json')
SEED_ID = fixture('seed-id.json')


def dumps(value):
    return json.dumps(value, ensure_ascii=False).encode('utf-8')


def nested(depth, open_='[', close=']', inner=b'1'):
    return open_.encode() * depth + inner + close.encode() * depth


# Malformed JSON every parser must survive (and refuse or read leniently).
MALFORMED = {
    'empty': b'',
    'spaces': b'  \n\t ',
    'null': b'null',
    'number': b'42',
    'string': b'"id"',
    'array': b'[1, 2, 3]',
    'truncated-object': b'{"id": 84366',
    'truncated-string': b'{"id": 1, "status": "pend',
    'unclosed-array': b'{"orders": [{"id": 1}',
    'trailing-garbage': b'{"id": 1} xyz',
    'deep-array-64': nested(64),
    'deep-array-65': nested(65),
    'deep-array-10000': nested(10000),
    'deep-object-200': nested(200, '{"a":', '}', b'1'),
    'deep-unbalanced': b'[' * 5000,
    'brackets-in-string': b'{"id": 5, "x": "' + b'[' * 500 + b'"}',
    'escaped-quote-brackets': b'{"id": 6, "x": "\\"' + b'{' * 100 + b'"}',
    'huge-int': b'{"id": 99999999999999999999999999999}',
    'huge-float': b'{"id": 1e400}',
    'negative-int': b'{"id": -9223372036854775808}',
    'int64-max': b'{"id": 9223372036854775807}',
    'float-id': b'{"id": 1.5}',
    'nul-byte-raw': b'{"id": 7, "status": "pe\x00nding"}',
    'nul-escape': b'{"id": 8, "status": "pe\\u0000nding"}',
    'invalid-utf8': b'{"id": 9, "status": "\xff\xfe"}',
    'overlong-utf8': b'{"id": 10, "status": "\xc0\xaf"}',
    'surrogate-utf8': b'{"id": 11, "status": "\xed\xa0\x80"}',
    'lone-surrogate-escape': b'{"id": 12, "status": "\\ud800"}',
    'bom': b'\xef\xbb\xbf{"id": 13}',
    'html': b'<html><body>Service Unavailable</body></html>',
    'html-doctype': b'<!DOCTYPE html><html></html>',
    'binary': bytes(range(256)),
    'duplicate-keys': b'{"id": 1, "id": "x", "id": 14}',
    'comments': b'/* c */ {"id": 15} // x',
    'single-quotes': b"{'id': 16}",
}


def order_answers():
    yield 'created', dumps({'id': 843668399, 'certificate_id': 845503702})
    yield 'created-spaced', b'{\n  "id": 843668399,  \n  "certificate_id": 845503702\n}\n'
    yield 'pending-no-certificate', dumps({'id': 843668400})
    yield 'requests', dumps({'id': 843668401, 'requests': [{'id': 5551}, {'id': 5552}]})
    yield 'requests-odd', dumps({'id': 2, 'requests': [1, None, {'id': 'x'}, {'id': -4}, {}]})
    yield 'requests-not-array', dumps({'id': 3, 'requests': {'id': 1}})
    yield 'id-string', dumps({'id': '843668399', 'certificate_id': 845503702})
    yield 'id-zero', dumps({'id': 0, 'certificate_id': 1})
    yield 'id-negative', dumps({'id': -5})
    yield 'certificate-negative', dumps({'id': 4, 'certificate_id': -1})
    yield 'certificate-string', dumps({'id': 5, 'certificate_id': '845503702'})
    yield 'no-id', dumps({'certificate_id': 845503702})
    yield 'errors-in-2xx', dumps({'errors': [{'code': 'x', 'message': 'y'}]})


LIST_ORDER = {
    'id': 843668399,
    'certificate': {
        'id': 845503702,
        'common_name': 'John Doe',
        'emails': ['john.doe@example.com'],
        'signature_hash': 'sha256',
        'profile_option': 'encryption',
    },
    'status': 'pending',
    'is_renewal': False,
    'date_created': '2025-05-30T09:12:44+00:00',
    'organization': {'id': 112233, 'name': 'Gemeente Voorbeeld'},
    'validity_years': 1,
    'container': {'id': 1, 'name': 'Gemeente Voorbeeld'},
    'product': {'name_id': 'pkio_burger', 'name': 'PKIo Citizen', 'type': 'client_certificate'},
    'has_duplicates': False,
    'product_name_id': 'pkio_burger',
}


def order_lists():
    yield 'list-one', dumps({'orders': [LIST_ORDER],
                             'page': {'total': 1, 'limit': 1000, 'offset': 0}})
    second = dict(LIST_ORDER, id=843668500, status='issued',
                  date_created='2025-05-31 10:00:00',
                  certificate={'id': 845503800, 'common_name': 'Jan Jansen',
                               'individual': {'id': 21, 'email': 'jan@example.nl'}},
                  ship_info={'method': 'EXPEDITED'})
    yield 'list-two', dumps({'orders': [LIST_ORDER, second],
                             'page': {'total': 2, 'limit': 1000, 'offset': 0}})
    yield 'list-empty', dumps({'orders': [], 'page': {'total': 0, 'limit': 1000, 'offset': 0}})
    yield 'list-total-more', dumps({'orders': [LIST_ORDER], 'page': {'total': 2500}})
    yield 'list-total-huge', dumps({'orders': [], 'page': {'total': 99999999999999}})
    yield 'list-total-negative', dumps({'orders': [], 'page': {'total': -3}})
    yield 'list-total-string', dumps({'orders': [LIST_ORDER], 'page': {'total': '1'}})
    yield 'list-page-array', dumps({'orders': [LIST_ORDER], 'page': [1]})
    yield 'list-no-orders', dumps({'page': {'total': 0}})
    yield 'list-orders-object', dumps({'orders': LIST_ORDER})
    yield 'list-element-not-object', dumps({'orders': [LIST_ORDER, 5]})
    yield 'list-element-without-id', dumps({'orders': [{'status': 'pending'}]})
    yield 'status-changes', dumps({'orders': [
        {'order_id': 843668399, 'certificate_id': 845503702, 'status': 'issued'},
        {'order_id': 843668401, 'status': 'rejected'}]})
    yield 'one-order', dumps(LIST_ORDER)
    yield 'one-order-dates', dumps(dict(LIST_ORDER, date_created='2025-05-30'))
    yield 'one-order-bad-date', dumps(dict(LIST_ORDER, date_created='2025-13-45T99:00:00'))
    yield 'one-order-date-short', dumps(dict(LIST_ORDER, date_created='2025-05-3'))
    yield 'one-order-date-number', dumps(dict(LIST_ORDER, date_created=20250530))
    yield 'one-order-wrong-types', dumps({'id': 1, 'status': 5, 'certificate': [],
                                          'product': 'pkio_burger', 'individual': 'x',
                                          'ship_info': None})
    yield 'one-order-emails-odd', dumps({'id': 2, 'certificate': {'emails': [None, 'a@b.nl'],
                                                                  'id': 'x'}})
    yield 'one-order-individual-top', dumps({'id': 3, 'individual': {'id': 21,
                                                                     'email': 'x@y.nl'}})
    # The certificate's validity (list rows: valid_till, days_remaining; order info: valid_from).
    yield 'list-validity', dumps({'orders': [dict(LIST_ORDER, status='issued', certificate={
        'id': 845503702, 'common_name': 'Jan Jansen', 'valid_till': '2027-03-31',
        'days_remaining': 114})], 'page': {'total': 1}})
    yield 'one-order-validity', dumps(dict(LIST_ORDER, status='issued', certificate={
        'id': 845503702, 'valid_from': '2024-03-31', 'valid_till': '2027-03-31 00:00:00',
        'days_remaining': 0, 'date_issued': '2024-03-31'}))
    yield 'one-order-validity-odd', dumps({'id': 4, 'certificate': {
        'valid_from': '2027-02-29', 'valid_till': 20270331, 'days_remaining': '3'}})
    # Order info's requests (the revoke check) and the individual's names (renewal).
    yield 'one-order-revoke-request', dumps(dict(LIST_ORDER, status='issued', requests=[
        {'id': 11, 'date': '2026-01-02 10:00:00', 'type': 'new_request', 'status': 'approved'},
        {'id': 12, 'type': 'revoke', 'status': 'pending', 'comments': 'lost'}],
        individual={'id': 21, 'first_name': 'John', 'last_name': 'Doe',
                    'email': 'john.doe@example.com'}))
    yield 'one-order-revoke-request-odd', dumps({'id': 6, 'requests': [5, {'type': 'revoke'},
                                                                  {'id': 'x'}, {'id': -3},
                                                                  {'id': 7, 'status': 9}]})
    yield 'one-order-validity-huge', dumps({'id': 5, 'certificate': {
        'valid_till': '9999-12-31', 'days_remaining': 9223372036854775807}})
    # Who placed it: order info's "user" as public clients show it (issue 20).
    yield 'one-order-user', dumps(dict(LIST_ORDER, user={
        'id': 153208, 'first_name': 'Ada', 'last_name': 'Admin', 'email': 'ada@example.nl'}))
    yield 'one-order-user-email-only', dumps({'id': 6, 'user': {'first_name': ' ',
                                                                'email': 'ada@example.nl'}})
    yield 'one-order-user-odd', dumps({'id': 7, 'user': {'first_name': 5, 'last_name': None,
                                                         'email': ['x']}})
    yield 'one-order-user-not-object', dumps({'id': 8, 'user': 'Ada Admin'})
    # The duplicate check reads a row's "is_renewed" and order info's revoke requests.
    yield 'one-order-requests', dumps(dict(LIST_ORDER, is_renewed=True, requests=[
        {'id': 1, 'date': '2026-12-01', 'type': 'revoke', 'status': 'pending'},
        {'id': 2, 'type': 'new_request', 'status': 'approved'}]))
    yield 'one-order-requests-odd', dumps({'id': 9, 'is_renewed': 'yes', 'requests': [
        None, 5, 'revoke', {'type': 7, 'status': None}, {'type': 'revoke', 'status': 'rejected'}]})
    yield 'one-order-requests-not-array', dumps({'id': 10, 'requests': {'type': 'revoke'}})


def account_answers():
    yield 'user-me', dumps({'id': 125039, 'username': 'jdoe', 'account_id': 5165934,
                            'first_name': 'John', 'last_name': 'Doe',
                            'email': 'john.doe@example.com', 'status': 'active',
                            'access_roles': [{'id': 1, 'name': 'Administrator'}]})
    yield 'user-id-string', dumps({'id': '125039'})
    yield 'balance-string', dumps({'balance': '1234.56', 'currency': 'EUR',
                                   'unpaid_invoice_balance': '0.00'})
    yield 'balance-float', dumps({'balance': 12.5})
    yield 'balance-int', dumps({'balance': 100})
    yield 'balance-null', dumps({'balance': None})
    yield 'balance-bool', dumps({'balance': True})
    yield 'product', dumps({'name_id': 'pkio_burger', 'name': 'PKIo Authentication or '
                            'Encryption - Citizen', 'type': 'client_certificate',
                            'allowed_validity_years': [1, 2, 3],
                            'signature_hash_types': {'allowed_hash_types': [
                                {'id': 'sha256', 'name': 'SHA-256'}]}})
    yield 'product-name-number', dumps({'name_id': 5})
    yield 'all-three', dumps({'id': 1, 'balance': '0.00', 'name_id': 'pkio_burger'})


def error_answers():
    yield 'invalid-email', dumps({'errors': [{
        'code': 'invalid_email', 'field': 'certificate.individual.email',
        'message': 'Email address is invalid.'}]})
    yield 'code-detail', dumps({'errors': [{'code': 'not_found|order',
                                            'message': 'Order not found.'}]})
    yield 'several', dumps({'errors': [
        {'code': 'invalid_zip', 'field': 'ship_info.zip', 'message': 'Invalid postal code.'},
        {'code': 'csa_required', 'message': 'You must agree to the CSA.'},
        {'code': 'insufficient_funds', 'message': 'Onvoldoende saldo — € 12,50.'}]})
    yield 'access-denied', dumps({'errors': [{'code': 'access_denied',
                                              'message': 'Permission denied.'}]})
    yield 'multi-bar', dumps({'errors': [{'code': 'a|b|c', 'message': 'x'}]})
    yield 'bar-only', dumps({'errors': [{'code': '|', 'message': ''}]})
    yield 'no-code-no-message', dumps({'errors': [{'field': 'x'}]})
    yield 'odd-elements', dumps({'errors': [1, None, 'x', [], {'code': 5, 'message': None},
                                            {'message': 'only a message'}]})
    yield 'errors-string', dumps({'errors': 'bad'})
    yield 'errors-object', dumps({'errors': {'code': 'x'}})
    yield 'empty-errors', dumps({'errors': []})


def guard_inputs():
    body = dumps({'id': 843668399, 'certificate_id': 845503702})
    yield 'json', b'application/json\n' + body
    yield 'json-charset', b'application/json; charset=utf-8\n' + body
    yield 'problem-json', b'application/problem+json\n' + dumps({'errors': []})
    yield 'text-json', b'Text/JSON\n' + body
    yield 'no-content-type', b'\n' + body
    yield 'no-content-type-array', b'\n [1]'
    yield 'html', b'text/html\n<html><body>Maintenance</body></html>'
    yield 'html-as-json', b'application/json\n<html></html>'
    yield 'plain-text', b'text/plain\nService Unavailable'
    yield 'bom', b'application/json\n\xef\xbb\xbf' + body
    yield 'bom-no-type', b'\n\xef\xbb\xbf' + body
    yield 'depth-64', b'application/json\n' + nested(64)
    yield 'depth-65', b'application/json\n' + nested(65)
    yield 'escapes', b'application/json\n{"a": "\\\\", "b": "\\"[", "c": "\\u005b"}'
    yield 'members', b'application/json\n' + dumps({'id': 1, 'orders': [], 'errors': None,
                                                    'balance': '1', 'total': 1.5})


# The order file harness: the spec's two examples and variants of them.
def order_files():
    yield 'seed-details', SEED_DETAILS
    yield 'seed-id', SEED_ID
    details = json.loads(SEED_DETAILS)
    by_id = json.loads(SEED_ID)

    def variant(base, change):
        order = json.loads(json.dumps(base))
        change(order)
        return dumps(order)

    def card(o):
        o['payment_method'] = 'card'
        o['credit_card'] = {'number': '4111 1111 1111 1111', 'expiration_month': '12',
                            'expiration_year': '2030', 'cvv': '123',
                            'cardholder_name': 'John Doe', 'save_credit_card': False,
                            'set_as_default': 0}
        o['billing_address'] = {'address': '813 Lincoln Street', 'city': 'Amsterdam',
                                'state': 'Noord-Holland', 'country': 'nl', 'zip': '1013 AA'}
    yield 'card', variant(details, card)

    def amex(o):
        card(o)
        o['credit_card'].update(number='3782-822463-10005', cvv='1234', set_as_default=1)
        o['billing_address'].pop('state')
    yield 'card-amex', variant(details, amex)
    yield 'profile', variant(by_id, lambda o: o.update(payment_method='profile'))
    yield 'days', variant(details, lambda o: o.update(order_validity={'days': 397}))
    yield 'custom-date', variant(details, lambda o: o.update(
        order_validity={'custom_expiration_date': '09 JUN 2025'}))
    yield 'expedited-authentication', variant(details, lambda o: (
        o['ship_info'].update(method='EXPEDITED', addr2=''),
        o['certificate'].update(profile_option='authentication', is_rsassa_pss=False)))
    yield 'belgium', variant(details, lambda o: (
        o['certificate']['individual'].update(country='BE', zip='1000',
                                              telephone='+32 2 555 12 34'),
        o['ship_info'].update(country='be', zip='1000')))
    yield 'lower-zip', variant(details, lambda o: o['ship_info'].update(zip='1013aa'))
    yield 'unicode-names', variant(details, lambda o: o['certificate']['individual'].update(
        first_name='Zoë Ünal', last_name='van der Berg-Çelik III'))
    # Wrong types and values.
    yield 'id-string', variant(by_id, lambda o: o['certificate']['individual'].update(id='21'))
    yield 'id-zero', variant(by_id, lambda o: o['certificate']['individual'].update(id=0))
    yield 'id-and-details', variant(details, lambda o: o['certificate']['individual'].update(
        id=21))
    yield 'years-string', variant(details, lambda o: o.update(order_validity={'years': '1'}))
    yield 'years-and-days', variant(details, lambda o: o.update(
        order_validity={'years': 1, 'days': 30}))
    yield 'validity-empty', variant(details, lambda o: o.update(order_validity={}))
    yield 'csa-false', variant(details, lambda o: o.update(csa_agreed_to=False))
    yield 'csa-string', variant(details, lambda o: o.update(csa_agreed_to='true'))
    yield 'certificate-array', variant(details, lambda o: o.update(certificate=[]))
    yield 'unknown-keys', variant(details, lambda o: o.update(api_key='secret', extra=None))
    yield 'card-without-card', variant(details, lambda o: o.update(payment_method='card'))
    yield 'card-fields-with-balance', variant(details, lambda o: o.update(credit_card={}))
    yield 'title-prefix', variant(details, lambda o: o['certificate']['individual'].update(
        first_name='Dr. John'))
    yield 'long-name', variant(details, lambda o: o['ship_info'].update(name='x' * 200))
    yield 'control-chars', variant(details, lambda o: o['ship_info'].update(addr1='a\tb\u2028'))
    # Huge numbers in every numeric place.
    yield 'huge-id', SEED_ID.replace(b'"id": 21', b'"id": 99999999999999999999999999')
    yield 'float-id', SEED_ID.replace(b'"id": 21', b'"id": 21.0')
    yield 'exp-id', SEED_ID.replace(b'"id": 21', b'"id": 1e400')
    yield 'huge-years', SEED_DETAILS.replace(b'"years": 1', b'"years": 18446744073709551617')
    yield 'negative-days', dumps(dict(details, order_validity={'days': -9223372036854775807}))
    # Damaged text.
    yield 'truncated', SEED_DETAILS[:len(SEED_DETAILS) // 2]
    yield 'missing-comma', SEED_DETAILS.replace(b'"csa_agreed_to": true,', b'"csa_agreed_to": true')
    yield 'nul-raw', SEED_DETAILS.replace(b'"John"', b'"Jo\x00hn"')
    yield 'nul-escape', SEED_DETAILS.replace(b'"John"', b'"Jo\\u0000hn"')
    yield 'nul-escape-key', SEED_DETAILS.replace(b'"city": "Amsterdam",',
                                                 b'"ci\\u0000ty": "Amsterdam",', 1)
    yield 'overlong', SEED_DETAILS.replace(b'"John"', b'"Jo\xc0\xafhn"')
    yield 'surrogate-raw', SEED_DETAILS.replace(b'"John"', b'"Jo\xed\xa0\x80hn"')
    yield 'surrogate-escape', SEED_DETAILS.replace(b'"John"', b'"Jo\\ud800hn"')
    yield 'surrogate-pair-escape', SEED_DETAILS.replace(b'"John"', b'"Jo\\ud83d\\ude00hn"')
    yield 'bom', b'\xef\xbb\xbf' + SEED_DETAILS
    yield 'bom-inside', SEED_DETAILS.replace(b'"John"', b'"\xef\xbb\xbfJohn"')
    yield 'latin1', SEED_DETAILS.replace(b'"John"', b'"Zo\xeb"')
    yield 'deep', b'{"certificate": ' + nested(100, '{"a":', '}') + b'}'
    for name, data in MALFORMED.items():
        yield 'malformed-' + name, data


# The validator harness: 10 bytes of settings, then texts separated by "\n" (see
# fuzz-order-validate.c).
def settings(flags=2, profile=2, payment=0, validity=0, amount=1, individual_id=0,
             date_offset=0x7fff):
    return struct.pack('<BBhih', flags, profile | (payment << 2) | (validity << 4), amount,
                       individual_id, date_offset)


DETAIL_TEXTS = ['sha256', 'token', 'John', 'Doe', 'john.doe@example.com', '+31(0)20 254 7999',
                'nl', 'Amsterdam', 'Amsterdam', '1013 AA',
                'John Doe', '813 Lincoln Street', 'Suite 20', 'Amsterdam', 'Amsterdam',
                '1013 AA', 'nl']
CARD_TEXTS = ['4111 1111 1111 1111', '12', '2030', '123', 'John Doe',
              '813 Lincoln Street', '', 'Amsterdam', '', 'nl', '1013 AA']


def texts(values):
    return '\n'.join(values).encode('utf-8')


def validator_inputs():
    yield 'seed-details', settings() + texts(DETAIL_TEXTS)
    yield 'seed-id', settings(flags=1 | 2 | 4, profile=1, individual_id=21) + texts(
        ['sha256', 'token', '', '', '', '', '', '', '', ''] + DETAIL_TEXTS[10:])
    yield 'card', settings(payment=2) + texts(DETAIL_TEXTS + CARD_TEXTS)
    yield 'card-amex', settings(flags=2 | 16 | 32, payment=2) + texts(
        DETAIL_TEXTS + ['3782-822463-10005', '01', '2026', '1234', 'A B'] + CARD_TEXTS[5:])
    yield 'days', settings(validity=1, amount=397) + texts(DETAIL_TEXTS)
    yield 'days-zero', settings(validity=1, amount=0) + texts(DETAIL_TEXTS)
    yield 'custom-date', settings(validity=2, date_offset=8) + texts(DETAIL_TEXTS)
    yield 'custom-date-past', settings(validity=2, date_offset=-1) + texts(DETAIL_TEXTS)
    yield 'custom-date-far', settings(validity=2, date_offset=200) + texts(DETAIL_TEXTS)
    yield 'custom-date-unset', settings(validity=2) + texts(DETAIL_TEXTS)
    yield 'years-4', settings(amount=4) + texts(DETAIL_TEXTS)
    yield 'id-negative', settings(flags=3, individual_id=-7) + texts(DETAIL_TEXTS)
    yield 'expedited-belgium', settings(flags=2 | 8, profile=0) + texts(
        DETAIL_TEXTS[:6] + ['be', 'Brussel', 'Brussel', '1000'] + DETAIL_TEXTS[10:15]
        + ['1000', 'BE'])
    yield 'empty-texts', settings() + b'\n' * 27
    yield 'no-texts', settings()
    yield 'short', b'\x02\x02\x00'
    yield 'rules-dates', settings() + texts(['09 JUN 2025', '9 jun 2025', '31 FEB 2025',
                                             '00 JAN 0000', '09 JUNE 2025', '1', '12 DEC 99999'])
    yield 'rules-phones', settings() + texts(['+31-0-72 568 7878', '020 254 7999', '+0 123',
                                              '+1234567890123456', '+', '+3 1'])
    yield 'rules-emails', settings() + texts(['a@b.c', 'a@@b.c', '.a@b.c', 'a.@b.c', 'a@b.',
                                              'a@.b', 'a b@c.d', 'x' * 250 + '@b.nl'])
    yield 'rules-zips', settings() + texts(['1013aa', '0123 AB', '1013  AA', ' 1013 AA ',
                                            '12345678901234567', 'A-1 2', '1000'])
    yield 'rules-titles', settings() + texts(['Dr. Jan', 'dr jan', 'Drew', 'Ir', 'Ing. Piet',
                                              'Mevr.', 'ms', 'Prof.Dr. X'])
    yield 'rules-control', settings() + texts(['a\tb', 'a\rb', '\x7f', '\u0085', '\u2028',
                                               'ok', ' '])
    yield 'rules-invalid-utf8', settings() + b'\xff\xfe\n\xc0\xaf\n\xed\xa0\x80\n\xe2\x82'
    yield 'rules-nul', settings() + b'John\x00Doe\nDoe'

# Batch files (src/core/batch): the template's columns in English and Dutch, the seed's first
# example as a row, and what spreadsheets write: each separator and encoding, quotes, blank
# rows, "sep=", and the file-level refusals.
BATCH_EN = ['Profile', 'Signature', 'CertCentral number', 'First name', 'Last name', 'Email',
            'Telephone', 'Country', 'Province', 'City', 'Postal code', 'Recipient', 'Address',
            'Address line 2', 'Shipping postal code', 'Shipping city', 'Shipping province',
            'Shipping country', 'Shipping method', 'Validity', 'Payment', 'Agreement']
BATCH_NL = ['Profiel', 'Handtekening', 'CertCentral-nummer', 'Voornaam', 'Achternaam', 'E-mail',
            'Telefoon', 'Land', 'Provincie', 'Plaats', 'Postcode', 'Ontvanger', 'Adres',
            'Adresregel 2', 'Verzendpostcode', 'Verzendplaats', 'Verzendprovincie',
            'Verzendland', 'Verzendmethode', 'Geldigheid', 'Betaling', 'Overeenkomst']
BATCH_JOHN = ['encryption', 'RSASSA-PSS', '', 'John', 'Doe', 'john.doe@example.com',
              "'+31(0)20 254 7999", 'nl', 'Amsterdam', 'Amsterdam', '1013 AA', 'John Doe',
              '813 Lincoln Street', 'Suite 20', '1013 AA', 'Amsterdam', 'Amsterdam', 'nl',
              'standard', '1 year', 'balance', 'yes']
BATCH_ZOE = ['authenticiteit', 'rsa', '', 'Zoë', 'Öztürk-de Vries', 'zoe@example.nl',
             '+31 30 123 4567', 'NL', 'Utrecht', 'Utrecht', '3511ab', 'Zoë Öztürk-de Vries',
             'Domplein 1', 'Kamer €5', '3511 AB', 'Utrecht', 'Utrecht', 'nl', 'met spoed',
             '2 jaar', 'bewaarde creditcard', 'ja']
BATCH_ANN = ['signing', '', '21', '', '', '', '', '', '', '', '', 'Ann Smith', 'Rue Royale 1', '',
             '1000', 'Brussel', 'Brussel', 'be', '', '90 days', '', 'yes']


def csv_cell(value, sep):
    if any(c in value for c in ',;\t"\r\n') or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_text(rows, sep=',', end='\r\n'):
    return ''.join(sep.join(csv_cell(c, sep) for c in row) + end for row in rows)


def batch_files():
    base = [BATCH_EN, BATCH_JOHN, BATCH_ZOE, BATCH_ANN]
    text = csv_text(base)
    yield 'template-en', b'\xef\xbb\xbf' + csv_text([BATCH_EN, BATCH_JOHN]).encode()
    yield 'template-nl', b'\xef\xbb\xbf' + csv_text(
        [BATCH_NL, ['vertrouwelijkheid'] + BATCH_JOHN[1:18] + ['standaard', '1 jaar', 'tegoed',
                                                              'ja']], ';').encode()
    for name, sep in (('comma', ','), ('semicolon', ';'), ('tab', '\t')):
        yield 'sep-' + name, csv_text(base, sep).encode()
    yield 'sep-line', ('sep=;\r\n' + csv_text(base, ';')).encode()
    yield 'lf', csv_text(base, ',', '\n').encode()
    yield 'cr', csv_text(base, ',', '\r').encode()
    yield 'no-final-newline', csv_text(base).rstrip('\r\n').encode()
    yield 'utf8-bom', b'\xef\xbb\xbf' + text.encode()
    yield 'utf16le-bom', b'\xff\xfe' + text.encode('utf-16-le')
    yield 'utf16be-bom', b'\xfe\xff' + text.encode('utf-16-be')
    yield 'utf16le-astral', b'\xff\xfe' + text.replace('Kamer €5', 'Kamer 𝔘5').encode('utf-16-le')
    yield 'windows-1252', text.encode('cp1252')
    yield 'dutch', csv_text([BATCH_NL, BATCH_ZOE, BATCH_ANN], ';').encode()
    quoted = [BATCH_EN, BATCH_JOHN[:11] + ['Jan "J." Jansen', 'Damrak 1, 3rd floor',
                                           'Kamer 1\r\nKamer 2'] + BATCH_JOHN[14:]]
    yield 'quoted', csv_text(quoted).encode()
    yield 'quote-after-spaces', (','.join(BATCH_EN) + '\r\n' + ','.join(BATCH_JOHN[:11]) +
                                 ', "John Doe" ,"813" Lincoln,' + ','.join(BATCH_JOHN[13:]) +
                                 '\r\n').encode()
    yield 'blank-rows', ('\r\n' + csv_text([BATCH_EN, BATCH_JOHN]) + ',,,,\r\n   \r\n' +
                         csv_text([BATCH_ANN])).encode()
    yield 'missing-column', csv_text([r[:10] + r[11:] for r in base]).encode()
    yield 'no-holder-columns', csv_text([r[:2] + r[11:] for r in base]).encode()
    yield 'ids-only', csv_text([r[:3] + r[11:] for r in base]).encode()
    yield 'unknown-columns', csv_text([BATCH_EN + ['Department', 'Card number', 'Cost centre',
                                                   'E-mail', ''],
                                       BATCH_JOHN + ['HR', '4111 1111 1111 1111', 'CC-1', 'x',
                                                     ''],
                                       BATCH_ANN + ['', '', 'CC-2', '', 'stray']]).encode()
    yield 'aliases', csv_text([['PROFILE', 'e-mail', 'Given name', 'Surname', 'Phone',
                                'Country code', 'State', 'Town', 'ZIP code', 'Ship to', 'Street',
                                'Address line 2 (optional)', 'Shipping zip', 'Shipping city',
                                'Shipping state', 'Shipping country', 'CSA'],
                               ['encryption', 'a@example.com', 'Ann', 'Smith',
                                '+44 20 7946 0000', 'gb', 'London', 'London', 'SW1A 1AA',
                                'Ann Smith', '10 Downing Street', '', 'SW1A 1AA', 'London',
                                'London', 'gb', 'yes']]).encode()
    bad = ['certificate', 'ECDSA', '', 'Dr. Jan', 'Jansen', 'jan(at)example.nl', '020 254 7999',
           'nl', 'Noord-Holland', 'Amsterdam', '10134 A', 'Jan Jansen', 'Damrak 1', '', '1013AA',
           'Amsterdam', 'Noord-Holland', 'xx', 'by boat', 'forever', 'card', 'no']
    yield 'bad-values', csv_text([BATCH_EN, bad, BATCH_JOHN]).encode()
    yield 'repeats', csv_text([BATCH_EN, BATCH_JOHN, BATCH_ZOE, BATCH_JOHN,
                               BATCH_ZOE[:5] + ['ZOE@Example.NL'] + BATCH_ZOE[6:]]).encode()
    validity = [BATCH_JOHN[:5] + ['v%d@example.com' % i] + BATCH_JOHN[6:19] + [v] +
                BATCH_JOHN[20:] for i, v in enumerate(['2025-09-30', '30-9-2025', '09 JUN 2025',
                                                       '9 mei 2025', '400 days', '3', '7 years',
                                                       '9/6/2025'])]
    yield 'validity', csv_text([BATCH_EN] + validity).encode()
    formulas = [BATCH_EN + ['Order', 'Status', 'Message'],
                BATCH_JOHN + ['843668399', 'placed', "'=cmd|' /C calc'!A0"],
                BATCH_ANN[:13] + ["'@SUM(1+1)"] + BATCH_ANN[14:] + ['', "'-x", "''+quoted"]]
    yield 'results-file', b'\xef\xbb\xbf' + csv_text(formulas).encode()
    yield 'hostile-names', csv_text([BATCH_EN + ['Dept\x1b[31m', '\u202eevil'],
                                     BATCH_JOHN + ['x', 'y']]).encode()
    yield 'unclosed-quote', (csv_text([BATCH_EN, BATCH_JOHN]) + '"never closed\r\n').encode()
    yield 'wide-row', (',' * 300 + '\r\n').encode()
    yield 'many-rows', csv_text([BATCH_EN] + [
        ['encryption', 'RSA', '', 'P', 'N%d' % i, 'p%d@example.com' % i, '+31 20 254 %04d' % i,
         'nl', 'Utrecht', 'Utrecht', '3511 AB', 'P', 'Domplein 1', '', '3511 AB', 'Utrecht',
         'Utrecht', 'nl', '', '', '', 'yes'] for i in range(1001)]).encode()
    yield 'header-only', csv_text([BATCH_EN]).encode()
    yield 'empty', b''
    yield 'blank', b'\r\n;;;\r\n  \r\n'
    yield 'xlsx', b'PK\x03\x04\x14\x00\x06\x00' + bytes(range(64))
    yield 'xls', b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + bytes(64)
    yield 'utf32', b'\xff\xfe\x00\x00' + text.encode('utf-32-le')
    yield 'utf16-no-bom', text.encode('utf-16-le')
    yield 'utf16-odd', b'\xff\xfe' + text.encode('utf-16-le')[:-1]
    yield 'utf16-lone-surrogate', b'\xff\xfeP\x00\n\x00\x00\xd8r\x00'
    yield 'utf8-damaged', text.encode().replace(b'Domplein', b'\xffomplein')
    yield 'cp1252-undefined', b'Profile\r\nJos\xe9\x81\r\n'
    yield 'nul', text.encode().replace(b'Suite', b'Su\x00ite')
    # The account's own order fields (fuzz-batch-csv.c's list: Cost centre required text,
    # Kostenplaats int, Manager email address, Copies to email list, Notes without a type; Old
    # code inactive): columns named by their labels, values good and bad.
    fields = ['Cost centre', 'Kostenplaats', 'Manager', 'Copies to', 'Notes']
    yield 'fields-valid', csv_text([BATCH_EN + fields,
                                    BATCH_JOHN + ['CC-1', '4711', 'boss@example.com',
                                                  'a@example.com, b@example.com', 'note'],
                                    BATCH_ZOE + [' CC-2 ', '', '', '', ''],
                                    BATCH_ANN + ['CC-3', '-12', '', 'c@example.org', '']]).encode()
    yield 'fields-bad', csv_text([BATCH_EN + fields,
                                  BATCH_JOHN + ['', '47a', 'not-an-address', 'a@example.com,,b',
                                                'tab\there'],
                                  BATCH_ZOE + ['CC\x01', '99999999999999999999', 'a@b@c',
                                               ' , ', 'line\nbreak'],
                                  BATCH_ANN + ['CC-3', '+', '', '', '\u202e']]).encode()
    yield 'fields-dutch', b'\xef\xbb\xbf' + csv_text(
        [BATCH_NL + ['cost-Centre (verplicht)', 'KOSTENPLAATS', 'manager', 'Copies  to'],
         BATCH_ZOE + ['Afdeling 7', '0042', 'baas@example.nl', 'x@example.nl;y@example.nl']],
        ';').encode()
    yield 'fields-missing-required', csv_text([BATCH_EN + fields[1:] + ['Old code'],
                                               BATCH_JOHN + ['1', '', '', '', 'old']]).encode()
    yield 'fields-twice', csv_text([BATCH_EN + fields + ['Cost Centre'],
                                    BATCH_JOHN + ['A', '1', '', '', '', 'B']]).encode()
    yield 'fields-repeats', csv_text([BATCH_EN + fields,
                                      BATCH_JOHN + ['CC-1', '', '', '', ''],
                                      BATCH_JOHN + ['CC-2', '', '', '', ''],
                                      BATCH_JOHN + [' CC-1', '', '', '', '']]).encode()
    yield 'fields-results', b'\xef\xbb\xbf' + csv_text(
        [BATCH_EN + fields + ['Order', 'Status', 'Message'],
         BATCH_JOHN + ["'=CC", "'+1", '', '', "'@note", '843668399', 'placed', ''],
         BATCH_ANN + ['CC-3', '', '', '', '', '', 'rejected', "'-Cost centre: fill in"]]).encode()
    # Columns marked as own fields (as the template names a field whose label is a fixed
    # column's name): each mark, spaced and cased, and a marked name no field has.
    yield 'fields-marked', csv_text(
        [BATCH_EN + ['Cost centre (own field)', 'kostenplaats (Eigen veld)',
                     'Manager (custom field)', 'Notes ( own  Field )', 'Email (own field)',
                     'Copies to (optional)'],
         BATCH_JOHN + ['CC-1', '4711', 'boss@example.com', 'note', 'x@example.com',
                       'a@example.com']]).encode()
    yield 'fields-utf16', b'\xff\xfe' + csv_text(
        [BATCH_EN + fields, BATCH_ZOE + ['Kamer €5', '7', '', '', 'Zoë']], '\t').encode('utf-16-le')


HARNESSES = {
    'order-answer': lambda: list(order_answers()) + list(MALFORMED.items()),
    'order-list': lambda: list(order_lists()) + list(MALFORMED.items()),
    'account-answers': lambda: list(account_answers()) + list(MALFORMED.items()),
    'api-error': lambda: list(error_answers()) + list(MALFORMED.items()),
    'json-guard': lambda: list(guard_inputs()) + [('no-type-' + k, b'\n' + v)
                                                  for k, v in MALFORMED.items()],
    'order-file': lambda: list(order_files()),
    'order-validate': lambda: list(validator_inputs()),
    'batch-csv': lambda: list(batch_files()),
}


def main():
    written = 0
    for harness, make in HARNESSES.items():
        folder = os.path.join(CORPUS, harness)
        os.makedirs(folder, exist_ok=True)
        for name, data in make():
            with open(os.path.join(folder, 'seed-' + name), 'wb') as f:
                f.write(data)
            written += 1
    print(f'{written} seed files written under {CORPUS}', file=sys.stderr)


if __name__ == '__main__':
    main()

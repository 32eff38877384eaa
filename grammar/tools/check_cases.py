#!/usr/bin/env python3
"""Re-check grammar/cases against real nginx and the reference model.

For every NNN-name.json: run `nginx -t` on NNN-name.conf (with `-g` when the
case has "g") and compare the verdict and error line; re-derive `syntax` and
`tree` with tools/reftok.py and compare.  Lua cases are skipped when the lua
module is not installed.  Prints "N passed, N failed".

    python3 grammar/tools/check_cases.py [--model-only]
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reftok  # noqa: E402
from gen_cases import CASES, NGINX, jtree, nginx_check  # noqa: E402

LUA_SO = '/usr/lib/nginx/modules/ngx_http_lua_module.so'


def main():
    model_only = '--model-only' in sys.argv
    passed = failed = skipped = 0
    for f in sorted(os.listdir(CASES)):
        if not f.endswith('.json'):
            continue
        base = f[:-5]
        conf_path = os.path.join(CASES, base + '.conf')
        with open(os.path.join(CASES, f), encoding='utf-8') as fh:
            case = json.load(fh)
        with open(conf_path, 'rb') as fh:
            data = fh.read()
        problems = []
        try:
            tree = reftok.parse(data)
            syntax = 'ok'
        except reftok.ConfError as e:
            tree, syntax = None, {'message': e.message, 'line': e.line}
        if syntax != case['syntax']:
            problems.append('syntax %r != %r' % (syntax, case['syntax']))
        if tree is not None and jtree(tree) != case.get('tree'):
            problems.append('tree differs')
        lua = 'requires' in case
        if not model_only and not (lua and not os.path.exists(LUA_SO)) and os.path.exists(NGINX):
            verdict, err = nginx_check(NGINX, conf_path, case.get('g'))
            if verdict != case['nginx']:
                problems.append('nginx says %r, case says %r' % (verdict, case['nginx']))
            elif err and err.get('line') != case['error'].get('line'):
                problems.append('nginx line %r != %r' % (err.get('line'), case['error'].get('line')))
        elif not model_only:
            skipped += 1
        if problems:
            failed += 1
            print('FAIL %s: %s' % (base, '; '.join(problems)))
        else:
            passed += 1
    print('%d passed, %d failed' % (passed, failed) + (', %d skipped' % skipped if skipped else ''))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""Bootstrap src/registry/table/*.rs from the extracted directive lists.

Run once (it was, to create the tables); after that the Rust tables are the
source of truth and hold rginx's support status, edited by hand. The test
`registry_matches_nginx_sources` keeps them in agreement with these TSVs.

usage: python3 gen_tables.py DATA_DIR OUT_DIR
"""
import csv, os, sys

CTX = {
    'MAIN': 'Ctx::MAIN', 'EVENT': 'Ctx::EVENT', 'ANY': 'Ctx::ANY',
    'HTTP_MAIN': 'Ctx::HTTP_MAIN', 'HTTP_SRV': 'Ctx::HTTP_SRV', 'HTTP_LOC': 'Ctx::HTTP_LOC',
    'HTTP_UPS': 'Ctx::HTTP_UPS', 'HTTP_SIF': 'Ctx::HTTP_SIF', 'HTTP_LIF': 'Ctx::HTTP_LIF',
    'HTTP_LMT': 'Ctx::HTTP_LMT', 'STREAM_MAIN': 'Ctx::STREAM_MAIN', 'STREAM_SRV': 'Ctx::STREAM_SRV',
    'STREAM_UPS': 'Ctx::STREAM_UPS', 'MAIL_MAIN': 'Ctx::MAIL_MAIN', 'MAIL_SRV': 'Ctx::MAIL_SRV',
}
ARITY = {
    'NOARGS': 'NOARGS', 'TAKE1': 'TAKE1', 'TAKE2': 'TAKE2', 'TAKE3': 'TAKE3', 'TAKE4': 'TAKE4',
    'TAKE5': 'TAKE5', 'TAKE6': 'TAKE6', 'TAKE7': 'TAKE7', 'TAKE12': 'TAKE12', 'TAKE13': 'TAKE13',
    'TAKE23': 'TAKE23', 'TAKE123': 'TAKE123', 'TAKE1234': 'TAKE1234', 'FLAG': 'FLAG',
    '1MORE': 'ONE_MORE', '2MORE': 'TWO_MORE', 'ANY': 'ANY',
}
SETTER = {
    'ngx_conf_set_flag_slot': 'Flag', 'ngx_conf_set_str_slot': 'Str',
    'ngx_conf_set_str_array_slot': 'StrArray', 'ngx_conf_set_keyval_slot': 'KeyVal',
    'ngx_conf_set_num_slot': 'Num', 'ngx_conf_set_size_slot': 'Size',
    'ngx_conf_set_off_slot': 'Off', 'ngx_conf_set_msec_slot': 'Msec',
    'ngx_conf_set_sec_slot': 'Sec', 'ngx_conf_set_bufs_slot': 'Bufs',
    'ngx_conf_set_enum_slot': 'Enum', 'ngx_conf_set_bitmask_slot': 'Bitmask',
    'ngx_conf_set_path_slot': 'Path', 'ngx_conf_set_access_slot': 'Access',
}
# Versions we know exactly (nginx CHANGES); others absent from 1.22.1 get
# (1, 23, 0) = "after 1.22", and those gone by 1.31.3 get (1, 31, 3).
KNOWN_REMOVED = {'ssl': (1, 25, 1)}
KNOWN_ADDED = {'http2': (1, 25, 1), 'http3': (1, 25, 0), 'quic_retry': (1, 25, 0),
               'add_header_inherit': (1, 29, 3)}
# nginx 1.22.1's `post = ngx_conf_deprecated` rows: name -> replacement.
DEPRECATED = {'ssl': 'listen ... ssl', 'http2_recv_timeout': 'client_header_timeout',
              'http2_idle_timeout': 'keepalive_timeout', 'http2_max_requests': 'keepalive_requests',
              'http2_max_field_size': 'large_client_header_buffers',
              'http2_max_header_size': 'large_client_header_buffers',
              'proxy_downstream_buffer': 'proxy_buffer_size', 'proxy_upstream_buffer': 'proxy_buffer_size'}
def once_setters(data):
    # Setter functions (nginx 1.22.1 sources) that answer "is duplicate" to a
    # second occurrence in the same block, always. Found by reading each
    # setter's body; those that refuse only some repeats (limit_conn for the
    # same zone, proxy_redirect after "off"...) were removed by hand.
    path = os.path.join(data, 'once-setters.txt')
    return set(open(path).read().split()) if os.path.exists(path) else set()


# Module-specific setters whose value checks rginx makes (registry::Check).
CUSTOM_CHECKS = {
    ('http_core_module', 'keepalive_timeout'): 'Times',
    ('core_module', 'worker_processes'): 'NumberOrAuto',
    ('event_core_module', 'worker_connections'): 'Number',
    ('errlog_module', 'error_log'): 'LogLevel',
    ('http_core_module', 'error_log'): 'LogLevel',
    ('event_core_module', 'use'): 'EventMethod',
    ('http_proxy_module', 'proxy_pass'): 'HttpUrl',
    ('thread_pool_module', 'thread_pool'): 'ThreadPool',
    ('core_module', 'worker_cpu_affinity'): 'CpuAffinity',
    ('core_module', 'user'): 'User',
    ('core_module', 'load_module'): 'ModuleFile',
}


def values_of(data):
    """values.tsv: (module, directive) -> Rust `Values` expression."""
    out = {}
    for r in read(os.path.join(data, 'values.tsv')):
        vals = r['values'].split(',')
        if r['kind'] in ('enum', 'bitmask'):
            lst = ', '.join('"%s"' % v for v in vals)
            out[(r['module'], r['directive'])] = 'V::%s(&[%s])' % (r['kind'].capitalize(), lst)
        elif r['kind'] == 'bounds':
            out[(r['module'], r['directive'])] = 'V::Bounds(%s, %s)' % (vals[0], vals[1])
    return out


def read(path):
    if not os.path.exists(path):
        return []
    with open(path, newline='') as f:
        return list(csv.DictReader(f, delimiter='\t'))


def main():
    data, out = sys.argv[1], sys.argv[2]
    new = read(os.path.join(data, 'nginx-1.31.3.tsv'))
    old = read(os.path.join(data, 'nginx-1.22.1.tsv'))
    extra = [(r, 'ThirdParty') for r in read(os.path.join(data, 'third-party.tsv'))] + \
            [(r, 'Plus') for r in read(os.path.join(data, 'nginx-plus.tsv'))]
    once = once_setters(data)
    if not once:
        once = once_setters(os.path.dirname(os.path.abspath(__file__)))
    values = values_of(data)
    old_keys = {(r['module'], r['directive']) for r in old}
    new_keys = {(r['module'], r['directive']) for r in new}
    rows = [(r, 'Nginx') for r in new] + [(r, 'Nginx') for r in old
                                          if (r['module'], r['directive']) not in new_keys]
    rows += extra
    modules = {}
    for r, origin in rows:
        modules.setdefault(r['module'], []).append((r, origin))
    os.makedirs(out, exist_ok=True)
    names = []
    for module, rs in modules.items():
        ident = module.replace('-', '_')
        names.append((module, ident))
        lines = ['//! `%s`: generated once from `registry/data/`; rginx support is edited here.' % module,
                 '', 'use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Origin, Setter as S, Values as V};',
                 '', '#[rustfmt::skip]', 'pub const DIRECTIVES: &[D] = &[']
        seen = set()
        for r, origin in rs:
            name = r['directive']
            if name in seen:
                continue
            seen.add(name)
            ctxs = [CTX[c] for c in r['contexts'].split(',') if c in CTX] or ['Ctx::NONE']
            ctx = ctxs[0] + ''.join('.or(%s)' % c for c in ctxs[1:])
            ar = [ARITY[a] for a in r['arity'].split(',') if a in ARITY] or ['NOARGS']
            arity = 'A::%s' % ar[0] + ''.join('.or(A::%s)' % a for a in ar[1:])
            setter = SETTER.get(r['setter'], 'Custom')
            expr = 'D::new("%s", "%s", %s, %s, S::%s)' % (name, module, ctx, arity, setter)
            if setter == 'Custom' and r['setter'] in once:
                expr += '.once()'
            if 'BLOCK' in r['arity'].split(','):
                expr += '.block()'
            if origin != 'Nginx':
                expr += '.origin(Origin::%s)' % origin
            key = (module, name)
            setter_kind = SETTER.get(r['setter'])
            if key in values and (setter_kind in ('Enum', 'Bitmask') or values[key].startswith('V::Bounds')):
                expr += '.values(%s)' % values[key]
            if key in CUSTOM_CHECKS:
                expr += '.check(C::%s)' % CUSTOM_CHECKS[key]
            if origin == 'Nginx' and key not in old_keys:
                expr += '.added(crate::registry::Version::new%r)' % (KNOWN_ADDED.get(name, (1, 23, 0)),)
            if origin == 'Nginx' and key not in new_keys:
                expr += '.removed(crate::registry::Version::new%r)' % (KNOWN_REMOVED.get(name, (1, 31, 3)),)
            if name in DEPRECATED and (r.get('post') or '0') != '0':
                # The http2 ones have v2's own handler, which says "obsolete".
                how = 'obsolete' if name.startswith('http2_') else 'deprecated'
                expr += '.%s("%s")' % (how, DEPRECATED[name])
            lines.append('    %s,' % expr)
        lines.append('];')
        for word, imp in (('Origin::', ' Origin,'), ('C::', ' Check as C,'), ('V::', ' Values as V')):
            if not any(word in l for l in lines[5:]):
                lines[2] = lines[2].replace(imp, '')
        lines[2] = lines[2].replace(', }', '}').replace(',}', '}')
        with open(os.path.join(out, ident + '.rs'), 'w') as f:
            f.write('\n'.join(lines) + '\n')
    mod = ['//! Every module\'s table, in nginx\'s module order (generated once).', '']
    mod += ['pub mod %s;' % i for _, i in names]
    mod += ['', 'use super::Module;', '', 'pub const MODULES: &[Module] = &[']
    mod += ['    Module { name: "%s", directives: %s::DIRECTIVES },' % (m, i) for m, i in names]
    # nginx's ./configure flags are kept by hand in registry/build.rs.
    mod += ['];']
    with open(os.path.join(out, 'mod.rs'), 'w') as f:
        f.write('\n'.join(mod) + '\n')
    print('%d modules, %d rows' % (len(names), sum(len(v) for v in modules.values())))


if __name__ == '__main__':
    main()

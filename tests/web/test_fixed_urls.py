"""The URLs the pages link to are built once (wizard/web/fixed_urls.py), each for where the app is mounted."""


def test_links_kept_once_built_follow_where_the_app_is_mounted(app):
    mounted, plain = app.test_client(), app.test_client()
    for _ in range(2):  # the second time, from what was kept
        assert 'href="/eig/static/dsfr/' in mounted.get("/faq", base_url="http://localhost/eig/").get_data(as_text=True)
        html = plain.get("/faq").get_data(as_text=True)
        assert 'href="/static/dsfr/' in html and "/eig/" not in html

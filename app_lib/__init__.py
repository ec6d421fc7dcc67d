"""Streamlit-side helpers of the app (sign-in, display): `pipeline/` stays the library alone."""

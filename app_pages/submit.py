import streamlit as st; st.title("Submit")
